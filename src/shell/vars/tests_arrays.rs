//! Behaviour tests for attributes, arrays, assoc arrays, declare conversions
//! and the dynamic specials; expected values checked against bash 5.2.

use super::*;

fn s(v: &mut Variables, name: &str) -> Option<String> {
    v.get(name.as_bytes())
        .map(|c| String::from_utf8_lossy(&c).into_owned())
}

fn set(v: &mut Variables, name: &str, value: &str) {
    v.set(name.as_bytes(), value.as_bytes().to_vec()).unwrap();
}

fn p(v: &mut Variables, name: &str) -> Option<String> {
    v.declare_p(name.as_bytes())
        .map(|l| String::from_utf8_lossy(&l).into_owned())
}

fn local(v: &mut Variables, name: &str, value: Option<&str>) {
    match value {
        Some(x) => v.declare_set(
            name.as_bytes(),
            DeclScope::Local,
            Attributes::NONE,
            Attributes::NONE,
            x.into(),
        ),
        None => v.declare_local(name.as_bytes()),
    }
    .unwrap();
}

fn all(v: &mut Variables, name: &str) -> Option<Vec<String>> {
    v.get_all(name.as_bytes()).map(|l| {
        l.into_iter()
            .map(|x| String::from_utf8_lossy(&x).into_owned())
            .collect()
    })
}

fn keys(v: &mut Variables, name: &str) -> Option<Vec<String>> {
    v.keys(name.as_bytes()).map(|l| {
        l.into_iter()
            .map(|x| String::from_utf8_lossy(&x).into_owned())
            .collect()
    })
}

#[test]
fn case_attributes() {
    // declare -l x=AbC -> abc; declare -u x (no conversion); x=AbC -> ABC;
    // declare -l x; x+=XyZ -> abcxyz (whole value converted)
    let mut v = Variables::new();
    v.declare_set(
        b"x",
        DeclScope::Current,
        Attributes::LOWERCASE,
        Attributes::NONE,
        b"AbC".to_vec(),
    )
    .unwrap();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -l x=\"abc\""));
    v.declare(
        b"x",
        DeclScope::Current,
        Attributes::UPPERCASE,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -u x=\"abc\""));
    set(&mut v, "x", "AbC");
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -u x=\"ABC\""));
    v.declare(
        b"x",
        DeclScope::Current,
        Attributes::LOWERCASE,
        Attributes::NONE,
    )
    .unwrap();
    v.append(b"x", b"XyZ").unwrap();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -l x=\"abcxyz\""));
    // declare -lu y=AbC -> declare -- y="AbC"
    v.declare_set(
        b"y",
        DeclScope::Current,
        Attributes::LOWERCASE | Attributes::UPPERCASE,
        Attributes::NONE,
        b"AbC".to_vec(),
    )
    .unwrap();
    assert_eq!(p(&mut v, "y").as_deref(), Some("declare -- y=\"AbC\""));
    // non-ASCII bytes pass through untouched
    v.declare_set(
        b"z",
        DeclScope::Current,
        Attributes::UPPERCASE,
        Attributes::NONE,
        "é\u{ff}a".into(),
    )
    .unwrap();
    assert_eq!(s(&mut v, "z").as_deref(), Some("é\u{ff}A"));
}

#[test]
fn integer_attribute_is_reported_not_evaluated() {
    let mut v = Variables::new();
    v.declare(
        b"i",
        DeclScope::Current,
        Attributes::INTEGER,
        Attributes::NONE,
    )
    .unwrap();
    assert!(v.is_integer(b"i"));
    set(&mut v, "i", "1+2");
    assert_eq!(s(&mut v, "i").as_deref(), Some("1+2"));
    v.declare(
        b"i",
        DeclScope::Current,
        Attributes::NONE,
        Attributes::INTEGER,
    )
    .unwrap();
    assert!(!v.is_integer(b"i"));
    assert_eq!(p(&mut v, "i").as_deref(), Some("declare -- i=\"1+2\""));
}

#[test]
fn indexed_arrays_sparse_and_negative() {
    let mut v = Variables::new();
    v.set_array(
        b"a",
        vec![
            (None, b"1".to_vec()),
            (None, b"2".to_vec()),
            (None, b"3".to_vec()),
        ],
        false,
    )
    .unwrap();
    assert_eq!(
        v.get_element(b"a", Subscript::Index(-1)).as_deref(),
        Some(&b"3"[..])
    );
    assert_eq!(
        v.get_element(b"a", Subscript::Index(-3)).as_deref(),
        Some(&b"1"[..])
    );
    // bash: echo "[${a[-4]}]" -> "a: bad array subscript" and []
    assert_eq!(v.get_element(b"a", Subscript::Index(-4)), None);
    assert_eq!(
        v.try_get_element(b"a", Subscript::Index(-4)),
        Err(VarError::BadSubscript(b"a".to_vec()))
    );
    v.set_element(b"a", Subscript::Index(-1), b"X".to_vec())
        .unwrap();
    // bash: a[-4]=Y -> "a[-4]: bad array subscript"
    assert_eq!(
        v.set_element(b"a", Subscript::Index(-4), b"Y".to_vec()),
        Err(VarError::BadSubscript(b"a[-4]".to_vec()))
    );
    v.set_element(b"a", Subscript::Index(10), b"ten".to_vec())
        .unwrap();
    assert_eq!(all(&mut v, "a").unwrap(), ["1", "2", "X", "ten"]);
    assert_eq!(keys(&mut v, "a").unwrap(), ["0", "1", "2", "10"]);
    assert_eq!(v.len_elements(b"a"), 4);
    assert_eq!(s(&mut v, "a").as_deref(), Some("1"));
    set(&mut v, "a", "zero");
    v.append(b"a", b"!").unwrap();
    assert_eq!(
        p(&mut v, "a").as_deref(),
        Some("declare -a a=([0]=\"zero!\" [1]=\"2\" [2]=\"X\" [10]=\"ten\")")
    );
    v.unset_element(b"a", Subscript::Index(-1)).unwrap();
    v.unset_element(b"a", Subscript::Index(0)).unwrap();
    assert_eq!(s(&mut v, "a"), None);
    assert!(!v.is_set(b"a"));
    assert_eq!(v.len_elements(b"a"), 2);
    assert_eq!(
        v.unset_element(b"a", Subscript::Index(-5)),
        Err(VarError::BadSubscript(b"[-5]".to_vec()))
    );
    // key text is accepted as a decimal index
    assert_eq!(
        v.get_element(b"a", Subscript::Key(b"1")).as_deref(),
        Some(&b"2"[..])
    );
    assert!(v.try_get_element(b"a", Subscript::Key(b"x")).is_err());
    // empty array after removing the last elements
    v.unset_element(b"a", Subscript::Index(1)).unwrap();
    v.unset_element(b"a", Subscript::Index(2)).unwrap();
    assert_eq!(p(&mut v, "a").as_deref(), Some("declare -a a=()"));
    assert_eq!(all(&mut v, "a").unwrap(), Vec::<String>::new());
}

#[test]
fn element_assignment_converts_scalars() {
    // x=1; unset x; x[3]=a -> declare -a x=([3]="a"); y=v; y[2]=w -> ([0]="v" [2]="w")
    let mut v = Variables::new();
    v.set_element(b"x", Subscript::Index(3), b"a".to_vec())
        .unwrap();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -a x=([3]=\"a\")"));
    set(&mut v, "y", "v");
    v.set_element(b"y", Subscript::Index(2), b"w".to_vec())
        .unwrap();
    assert_eq!(
        p(&mut v, "y").as_deref(),
        Some("declare -a y=([0]=\"v\" [2]=\"w\")")
    );
    // a[1]+=q; a[1]+=r -> ([1]="qr")
    v.append_element(b"b", Subscript::Index(1), b"q").unwrap();
    v.append_element(b"b", Subscript::Index(1), b"r").unwrap();
    assert_eq!(p(&mut v, "b").as_deref(), Some("declare -a b=([1]=\"qr\")"));
    // a bad subscript leaves the variable alone
    assert!(v
        .set_element(b"nope", Subscript::Index(-1), b"x".to_vec())
        .is_err());
    assert!(!v.is_indexed(b"nope"));
    // scalars as one-element arrays: x=1; ${x[@]} ${#x[@]} ${!x[@]} ${x[0]}; ${x[-1]} is an error
    set(&mut v, "s", "1");
    assert_eq!(all(&mut v, "s").unwrap(), ["1"]);
    assert_eq!(keys(&mut v, "s").unwrap(), ["0"]);
    assert_eq!(v.len_elements(b"s"), 1);
    assert_eq!(
        v.get_element(b"s", Subscript::Index(0)).as_deref(),
        Some(&b"1"[..])
    );
    assert_eq!(v.get_element(b"s", Subscript::Index(1)), None);
    assert!(v.try_get_element(b"s", Subscript::Index(-1)).is_err());
    // x=1; unset 'x[1]' -> "unset: x: not an array variable"; declare x likewise
    assert_eq!(
        v.unset_element(b"s", Subscript::Index(1)),
        Err(VarError::NotArray(b"s".to_vec()))
    );
    v.declare(b"d", DeclScope::Current, Attributes::NONE, Attributes::NONE)
        .unwrap();
    assert_eq!(
        v.unset_element(b"d", Subscript::Index(-1)),
        Err(VarError::NotArray(b"d".to_vec()))
    );
    v.unset_element(b"nonexistent", Subscript::Index(1))
        .unwrap();
    // x=1; unset 'x[0]' unsets x
    v.unset_element(b"s", Subscript::Index(0)).unwrap();
    assert!(!v.exists(b"s"));
}

#[test]
fn assoc_arrays() {
    let mut v = Variables::new();
    v.declare(
        b"m",
        DeclScope::Current,
        Attributes::ASSOC,
        Attributes::NONE,
    )
    .unwrap();
    assert!(v.is_assoc(b"m") && !v.is_indexed(b"m"));
    assert_eq!(p(&mut v, "m").as_deref(), Some("declare -A m"));
    assert_eq!(all(&mut v, "m"), None);
    v.set_element(b"m", Subscript::Key(b"z"), b"1".to_vec())
        .unwrap();
    v.set_element(b"m", Subscript::Key(b"a b"), b"2".to_vec())
        .unwrap();
    v.append_element(b"m", Subscript::Key(b"z"), b"+").unwrap();
    v.set_element(b"m", Subscript::Index(7), b"seven".to_vec())
        .unwrap();
    assert_eq!(keys(&mut v, "m").unwrap(), ["7", "z", "a b"]);
    assert_eq!(all(&mut v, "m").unwrap(), ["seven", "1+", "2"]);
    assert_eq!(
        v.get_element(b"m", Subscript::Key(b"7")).as_deref(),
        Some(&b"seven"[..])
    );
    assert_eq!(
        v.get_element(b"m", Subscript::Index(7)).as_deref(),
        Some(&b"seven"[..])
    );
    assert_eq!(
        v.set_element(b"m", Subscript::Key(b""), b"x".to_vec()),
        Err(VarError::BadSubscript(b"m[]".to_vec()))
    );
    // m=5 assigns key "0": declare -A m=([0]="5" [x]="1" )
    set(&mut v, "m", "5");
    assert_eq!(s(&mut v, "m").as_deref(), Some("5"));
    assert_eq!(
        p(&mut v, "m").as_deref(),
        Some("declare -A m=([7]=\"seven\" [0]=\"5\" [z]=\"1+\" [\"a b\"]=\"2\" )")
    );
    v.unset_element(b"m", Subscript::Key(b"a b")).unwrap();
    v.unset_element(b"m", Subscript::Key(b"missing")).unwrap();
    assert_eq!(v.len_elements(b"m"), 3);
    assert_eq!(
        v.set_listing_line(b"m")
            .map(|l| String::from_utf8(l).unwrap())
            .as_deref(),
        Some("m=([7]=\"seven\" [0]=\"5\" [z]=\"1+\" )")
    );
}

#[test]
fn declare_conversions() {
    let mut v = Variables::new();
    // x=1; declare -A x -> declare -A x=([0]="1" )
    set(&mut v, "x", "1");
    v.declare(
        b"x",
        DeclScope::Current,
        Attributes::ASSOC,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -A x=([0]=\"1\" )"));
    // x=1; declare -a x -> declare -a x=([0]="1")
    set(&mut v, "y", "1");
    v.declare(
        b"y",
        DeclScope::Current,
        Attributes::INDEXED,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "y").as_deref(), Some("declare -a y=([0]=\"1\")"));
    assert_eq!(
        v.declare(
            b"y",
            DeclScope::Current,
            Attributes::ASSOC,
            Attributes::NONE
        ),
        Err(VarError::IndexedToAssoc(b"y".to_vec()))
    );
    assert_eq!(
        v.declare(
            b"x",
            DeclScope::Current,
            Attributes::INDEXED,
            Attributes::NONE
        ),
        Err(VarError::AssocToIndexed(b"x".to_vec()))
    );
    assert_eq!(
        v.declare(
            b"y",
            DeclScope::Current,
            Attributes::NONE,
            Attributes::INDEXED
        ),
        Err(VarError::DestroyArray(b"y".to_vec()))
    );
    // declare -a e; e=2 -> declare -a e=([0]="2")
    v.declare(
        b"e",
        DeclScope::Current,
        Attributes::INDEXED,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "e").as_deref(), Some("declare -a e"));
    assert_eq!(all(&mut v, "e"), None);
    assert_eq!(v.len_elements(b"e"), 0);
    set(&mut v, "e", "2");
    assert_eq!(p(&mut v, "e").as_deref(), Some("declare -a e=([0]=\"2\")"));
    // declare +a on a scalar is a no-op
    set(&mut v, "sc", "1");
    v.declare(
        b"sc",
        DeclScope::Current,
        Attributes::NONE,
        Attributes::INDEXED,
    )
    .unwrap();
    assert_eq!(p(&mut v, "sc").as_deref(), Some("declare -- sc=\"1\""));
}

#[test]
fn declare_scopes() {
    let mut v = Variables::new();
    set(&mut v, "g", "1");
    v.push_function_scope();
    local(&mut v, "g", Some("local"));
    // declare -g reaches past the local
    v.declare_set(
        b"g",
        DeclScope::Global,
        Attributes::NONE,
        Attributes::NONE,
        b"2".to_vec(),
    )
    .unwrap();
    assert_eq!(s(&mut v, "g").as_deref(), Some("local"));
    // export in a function exports the nearest binding (the local here)
    v.declare(
        b"g",
        DeclScope::Current,
        Attributes::EXPORT,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "g").as_deref(), Some("declare -x g=\"local\""));
    // export of a name with no binding creates a global
    v.declare_set(
        b"newx",
        DeclScope::Current,
        Attributes::EXPORT,
        Attributes::NONE,
        b"n".to_vec(),
    )
    .unwrap();
    v.pop_function_scope();
    assert_eq!(p(&mut v, "g").as_deref(), Some("declare -- g=\"2\""));
    assert_eq!(p(&mut v, "newx").as_deref(), Some("declare -x newx=\"n\""));
}

#[test]
fn names_sorted_and_deduplicated() {
    let mut v = Variables::new();
    set(&mut v, "b", "1");
    set(&mut v, "a", "1");
    v.push_function_scope();
    local(&mut v, "b", None);
    local(&mut v, "c", None);
    let names = v.names();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    for n in [&b"a"[..], b"b", b"c", b"RANDOM", b"SECONDS"] {
        assert_eq!(names.iter().filter(|x| x.as_slice() == n).count(), 1);
    }
    v.pop_function_scope();
    assert!(!v.names().contains(&b"c".to_vec()));
}

#[test]
fn specials() {
    let mut v = Variables::new();
    set(&mut v, "RANDOM", "5");
    let seq: Vec<String> = (0..3).map(|_| s(&mut v, "RANDOM").unwrap()).collect();
    assert_eq!(seq, ["18498", "29338", "982"]);
    assert!(v.is_integer(b"RANDOM"));
    assert!(v.is_set(b"SRANDOM") && v.is_set(b"EPOCHREALTIME"));
    set(&mut v, "SECONDS", "100");
    let secs: i64 = s(&mut v, "SECONDS").unwrap().parse().unwrap();
    assert!((100..=101).contains(&secs));
    // assignments to EPOCHSECONDS are ignored
    set(&mut v, "EPOCHSECONDS", "5");
    assert!(s(&mut v, "EPOCHSECONDS").unwrap().len() >= 10);
    assert!(p(&mut v, "SECONDS")
        .unwrap()
        .starts_with("declare -i SECONDS=\"10"));
    assert!(p(&mut v, "EPOCHREALTIME")
        .unwrap()
        .starts_with("declare -- EPOCHREALTIME=\""));
    // unset SECONDS; echo "[$SECONDS]"; SECONDS=3 -> plain variable
    v.unset(b"SECONDS").unwrap();
    assert_eq!(s(&mut v, "SECONDS"), None);
    set(&mut v, "SECONDS", "3");
    assert_eq!(s(&mut v, "SECONDS").as_deref(), Some("3"));
    // f(){ local RANDOM; echo "${RANDOM-U}"; declare -p RANDOM; } -> U / declare -- RANDOM
    v.push_function_scope();
    local(&mut v, "RANDOM", None);
    assert_eq!(s(&mut v, "RANDOM"), None);
    assert_eq!(p(&mut v, "RANDOM").as_deref(), Some("declare -- RANDOM"));
    v.pop_function_scope();
    assert!(s(&mut v, "RANDOM").unwrap().parse::<u32>().unwrap() <= 32767);
    // element 0 of a special is its value
    assert!(v
        .get_element(b"EPOCHSECONDS", Subscript::Index(0))
        .is_some());
    assert_eq!(all(&mut v, "SRANDOM").map(|l| l.len()), Some(1));
}
