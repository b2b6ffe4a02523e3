//! `declare -p` and `set` output compared live against /bin/bash (skipped when
//! bash is absent). Values reach bash through the environment so arbitrary
//! bytes survive.

use std::os::unix::ffi::OsStrExt;
use std::process::Command;

use super::*;

/// Run `script` under bash (C.UTF-8 locale) with `V0`, `V1`, ... set to
/// `values`; stdout lines, or `None` if bash is unavailable.
fn bash(script: &str, values: &[&[u8]]) -> Option<Vec<Vec<u8>>> {
    if !std::path::Path::new("/bin/bash").exists() {
        return None;
    }
    let mut cmd = Command::new("/bin/bash");
    cmd.arg("-c")
        .arg(script)
        .env_clear()
        .env("LC_ALL", "C.UTF-8");
    for (i, v) in values.iter().enumerate() {
        cmd.env(format!("V{i}"), std::ffi::OsStr::from_bytes(v));
    }
    let out = cmd.output().ok()?;
    Some(
        out.stdout
            .split(|&c| c == b'\n')
            .filter(|l| !l.is_empty())
            .map(<[u8]>::to_vec)
            .collect(),
    )
}

const VALUES: &[&[u8]] = &[
    b"plain",
    b"",
    b"a b",
    b"it's",
    b"'",
    b"x\"y$z`w\\v",
    b"\t\x01\x7f",
    b"\xff\xfe",
    "héllo wörld".as_bytes(),
    b"~user",
    b"a=~",
    b"#c",
    b"*?[]",
    b"new\nline",
    b"\x1b[0m",
    b"{a,b}",
    b"!x",
    b"%+,-./:=@^_",
];

fn lossy(l: &[u8]) -> String {
    String::from_utf8_lossy(l).into_owned()
}

#[test]
fn scalar_output_matches_bash() {
    for value in VALUES {
        let Some(out) = bash(r#"x="$V0"; declare -p x; set | grep -a '^x='"#, &[value]) else {
            return;
        };
        assert_eq!(out.len(), 2);
        let mut v = Variables::new();
        v.set(b"x", value.to_vec()).unwrap();
        let ours = [
            v.declare_p(b"x").unwrap(),
            v.set_listing_line(b"x").unwrap(),
        ];
        assert_eq!(
            ours.map(|l| lossy(&l)).to_vec(),
            out.iter().map(|l| lossy(l)).collect::<Vec<_>>(),
            "value {:?}",
            lossy(value)
        );
    }
}

#[test]
fn indexed_array_output_matches_bash() {
    let script = r#"a=("$V0" "$V1" "$V2" "$V3"); a[9]="$V4"; declare -p a; set | grep -a '^a='"#;
    let vals = &VALUES[2..7];
    let Some(out) = bash(script, vals) else {
        return;
    };
    assert_eq!(out.len(), 2);
    let mut v = Variables::new();
    let items = vals[..4].iter().map(|x| (None, x.to_vec())).collect();
    v.set_array(b"a", items, false).unwrap();
    v.set_element(b"a", Subscript::Index(9), vals[4].to_vec())
        .unwrap();
    let ours = [
        v.declare_p(b"a").unwrap(),
        v.set_listing_line(b"a").unwrap(),
    ];
    assert_eq!(
        ours.map(|l| lossy(&l)).to_vec(),
        out.iter().map(|l| lossy(l)).collect::<Vec<_>>()
    );
}

#[test]
fn single_key_assoc_output_matches_bash() {
    // bash orders keys by hash, so compare one key at a time.
    let keys: &[&[u8]] = &[
        b"k",
        b"a b",
        b"@",
        b"*",
        b"~",
        b"a]",
        b"a=b",
        b"$y",
        "é".as_bytes(),
        b"x.y-1",
    ];
    for key in keys {
        let script = r#"declare -A m; m["$V0"]="$V1"; declare -p m; set | grep -a '^m='"#;
        let Some(out) = bash(script, &[key, b"v\"1"]) else {
            return;
        };
        assert_eq!(out.len(), 2);
        let mut v = Variables::new();
        v.declare(
            b"m",
            DeclScope::Current,
            Attributes::ASSOC,
            Attributes::NONE,
        )
        .unwrap();
        v.set_element(b"m", Subscript::Key(key), b"v\"1".to_vec())
            .unwrap();
        let ours = [
            v.declare_p(b"m").unwrap(),
            v.set_listing_line(b"m").unwrap(),
        ];
        assert_eq!(
            ours.map(|l| lossy(&l)).to_vec(),
            out.iter().map(|l| lossy(l)).collect::<Vec<_>>(),
            "key {:?}",
            lossy(key)
        );
    }
}

#[test]
fn attribute_lines_match_bash() {
    let script = r#"declare -aixrlut a=(1); declare -p a
        declare -Ailnrtux b; declare -p b
        declare -rxl c=A; declare -p c
        declare x; declare -p x
        export y; declare -p y
        declare -a e; declare -p e
        e2=(); declare -p e2
        declare -A m=(); declare -p m
        declare -n r=tgt; declare -p r
        declare -i i=7; declare -p i
        declare -t t; declare -p t
        declare -u U=abc; declare -p U"#;
    let Some(out) = bash(script, &[]) else { return };
    assert_eq!(out.len(), 12);
    let mut v = Variables::new();
    let c = DeclScope::Current;
    let none = Attributes::NONE;
    let f = |s: &str| {
        s.bytes()
            .filter_map(Attributes::from_option_char)
            .fold(none, |a, b| a | b)
    };
    v.declare_array(
        b"a",
        c,
        f("aixrlut"),
        none,
        vec![(None, b"1".to_vec())],
        false,
    )
    .unwrap();
    v.declare(b"b", c, f("Ailnrtux"), none).unwrap();
    v.declare_set(b"c", c, f("rxl"), none, b"A".to_vec())
        .unwrap();
    v.declare(b"x", c, none, none).unwrap();
    v.declare(b"y", c, f("x"), none).unwrap();
    v.declare(b"e", c, f("a"), none).unwrap();
    v.set_array(b"e2", vec![], false).unwrap();
    v.declare_array(b"m", c, f("A"), none, vec![], false)
        .unwrap();
    v.declare_set(b"r", c, f("n"), none, b"tgt".to_vec())
        .unwrap();
    v.declare_set(b"i", c, f("i"), none, b"7".to_vec()).unwrap();
    v.declare(b"t", c, f("t"), none).unwrap();
    v.declare_set(b"U", c, f("u"), none, b"abc".to_vec())
        .unwrap();
    let names: [&[u8]; 12] = [
        b"a", b"b", b"c", b"x", b"y", b"e", b"e2", b"m", b"r", b"i", b"t", b"U",
    ];
    let ours: Vec<String> = names
        .iter()
        .map(|n| lossy(&v.declare_p(n).unwrap()))
        .collect();
    assert_eq!(ours, out.iter().map(|l| lossy(l)).collect::<Vec<_>>());
}

#[test]
fn seeded_random_matches_bash() {
    let Some(out) = bash(
        "RANDOM=12345; echo $RANDOM; echo $RANDOM; echo $RANDOM; RANDOM=-7; echo $RANDOM",
        &[],
    ) else {
        return;
    };
    let mut v = Variables::new();
    v.set(b"RANDOM", b"12345".to_vec()).unwrap();
    let mut ours: Vec<Vec<u8>> = (0..3)
        .map(|_| v.get(b"RANDOM").unwrap().into_owned())
        .collect();
    v.set(b"RANDOM", b"-7".to_vec()).unwrap();
    ours.push(v.get(b"RANDOM").unwrap().into_owned());
    assert_eq!(ours, out);
}
