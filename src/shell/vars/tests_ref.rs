//! Nameref behaviour tests; each case's bash 5.2 transcript is in the comment.

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

fn nameref(v: &mut Variables, name: &str, target: &str) -> Result<(), VarError> {
    v.declare_set(
        name.as_bytes(),
        DeclScope::Current,
        Attributes::NAMEREF,
        Attributes::NONE,
        target.into(),
    )
}

fn arr(v: &mut Variables, name: &str, items: &[&str]) {
    let items = items
        .iter()
        .map(|x| (None, x.as_bytes().to_vec()))
        .collect();
    v.set_array(name.as_bytes(), items, false).unwrap();
}

#[test]
fn basic_get_set() {
    // declare -n r=x; x=1; echo $r; r=2; echo $x; declare -p r x
    let mut v = Variables::new();
    nameref(&mut v, "r", "x").unwrap();
    set(&mut v, "x", "1");
    assert_eq!(s(&mut v, "r").as_deref(), Some("1"));
    set(&mut v, "r", "2");
    assert_eq!(s(&mut v, "x").as_deref(), Some("2"));
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"x\""));
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"2\""));
    v.append(b"r", b"3").unwrap();
    assert_eq!(s(&mut v, "x").as_deref(), Some("23"));
    assert_eq!(v.nameref_target(b"r"), Some(&b"x"[..]));
    assert_eq!(
        v.set_listing_line(b"r")
            .map(|l| String::from_utf8(l).unwrap())
            .as_deref(),
        Some("r=x")
    );
}

#[test]
fn unset_nameref_gets_target_on_assignment() {
    // declare -n r; r=foo; declare -p r   -> declare -n r="foo"
    // declare -n q; q=1bad                -> `1bad': not a valid identifier
    let mut v = Variables::new();
    v.declare(
        b"r",
        DeclScope::Current,
        Attributes::NAMEREF,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r"));
    set(&mut v, "r", "foo");
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"foo\""));
    v.declare(
        b"q",
        DeclScope::Current,
        Attributes::NAMEREF,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(
        v.set(b"q", b"1bad".to_vec()),
        Err(VarError::InvalidName(b"1bad".to_vec()))
    );
    assert_eq!(
        v.set(b"q", b"q".to_vec()),
        Err(VarError::NamerefSelf(b"q".to_vec()))
    );
    // declare -n r; r[1]=x  -> `': not a valid identifier
    v.declare(
        b"e",
        DeclScope::Current,
        Attributes::NAMEREF,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(
        v.set_element(b"e", Subscript::Index(1), b"x".to_vec()),
        Err(VarError::InvalidName(Vec::new()))
    );
}

#[test]
fn self_and_circular_references() {
    // declare -n a=a  -> declare: a: nameref variable self references not allowed
    let mut v = Variables::new();
    assert_eq!(
        nameref(&mut v, "a", "a"),
        Err(VarError::NamerefSelf(b"a".to_vec()))
    );
    assert!(!v.exists(b"a"));
    // declare -n a=b; declare -n b=a; echo "[$a]"; a=1 -> warnings: a: circular name reference
    nameref(&mut v, "a", "b").unwrap();
    nameref(&mut v, "b", "a").unwrap();
    assert_eq!(s(&mut v, "a"), None);
    assert_eq!(
        v.set(b"a", b"1".to_vec()),
        Err(VarError::CircularRef(b"a".to_vec()))
    );
    assert!(v.unset(b"a").is_err());
    assert!(!v.is_set(b"a"));
    assert_eq!(v.get_all(b"a"), None);
    assert_eq!(v.len_elements(b"a"), 0);
    // unset -n breaks the loop
    v.unset_with(b"a", true).unwrap();
    assert!(!v.exists(b"a"));
}

#[test]
fn element_targets() {
    // a=(1 2 3); declare -n r="a[1]"; echo $r; r=X; declare -p a; unset r; declare -p a r
    let mut v = Variables::new();
    arr(&mut v, "a", &["1", "2", "3"]);
    nameref(&mut v, "r", "a[1]").unwrap();
    assert_eq!(s(&mut v, "r").as_deref(), Some("2"));
    set(&mut v, "r", "X");
    assert_eq!(
        p(&mut v, "a").as_deref(),
        Some("declare -a a=([0]=\"1\" [1]=\"X\" [2]=\"3\")")
    );
    assert_eq!(
        v.get_element(b"r", Subscript::Index(0)).as_deref(),
        Some(&b"X"[..])
    );
    assert_eq!(v.get_element(b"r", Subscript::Index(1)), None);
    assert!(!v.is_indexed(b"r"));
    v.unset(b"r").unwrap();
    assert_eq!(
        p(&mut v, "a").as_deref(),
        Some("declare -a a=([0]=\"1\" [2]=\"3\")")
    );
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"a[1]\""));
    // subscript naming a variable: declare -n r='a[i]'
    set(&mut v, "i", "2");
    nameref(&mut v, "ri", "a[i]").unwrap();
    assert_eq!(s(&mut v, "ri").as_deref(), Some("3"));
    // assoc element target
    v.declare(
        b"m",
        DeclScope::Current,
        Attributes::ASSOC,
        Attributes::NONE,
    )
    .unwrap();
    nameref(&mut v, "rm", "m[a key]").unwrap();
    set(&mut v, "rm", "val");
    assert_eq!(
        v.get_element(b"m", Subscript::Key(b"a key")).as_deref(),
        Some(&b"val"[..])
    );
    assert_eq!(s(&mut v, "rm").as_deref(), Some("val"));
}

#[test]
fn all_elements_target() {
    // a=(1 2 3); declare -n r="a[@]"; echo "$r"; r=5  -> "1 2 3" / a[@]: bad array subscript
    let mut v = Variables::new();
    arr(&mut v, "a", &["1", "2", "3"]);
    nameref(&mut v, "r", "a[@]").unwrap();
    assert_eq!(s(&mut v, "r").as_deref(), Some("1 2 3"));
    assert_eq!(v.get_all(b"r").map(|l| l.len()), Some(3));
    assert_eq!(v.len_elements(b"r"), 3);
    assert_eq!(
        v.set(b"r", b"5".to_vec()),
        Err(VarError::BadSubscript(b"a[@]".to_vec()))
    );
}

#[test]
fn unset_through_and_of_nameref() {
    // declare -n r=x; unset r; declare -p r x -> r stays, x not found
    // x=3; unset -n r; declare -p r x        -> r not found, x="3"
    let mut v = Variables::new();
    nameref(&mut v, "r", "x").unwrap();
    set(&mut v, "x", "1");
    v.unset(b"r").unwrap();
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"x\""));
    assert_eq!(p(&mut v, "x"), None);
    set(&mut v, "x", "3");
    v.unset_with(b"r", true).unwrap();
    assert_eq!(p(&mut v, "r"), None);
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"3\""));
}

#[test]
fn local_does_not_follow_outer_nameref() {
    // x=1; declare -n r=x; f() { local r=5; declare -p r x; }; f
    // -> declare -- r="5" / declare -- x="1"
    let mut v = Variables::new();
    set(&mut v, "x", "1");
    nameref(&mut v, "r", "x").unwrap();
    v.push_function_scope();
    v.declare_set(
        b"r",
        DeclScope::Local,
        Attributes::NONE,
        Attributes::NONE,
        b"5".to_vec(),
    )
    .unwrap();
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -- r=\"5\""));
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"1\""));
    v.pop_function_scope();
    assert_eq!(s(&mut v, "r").as_deref(), Some("1"));
}

#[test]
fn declare_errors_and_redirection() {
    let mut v = Variables::new();
    // x=1; declare -n x -> `1': invalid variable name for name reference; x unchanged
    set(&mut v, "x", "1");
    assert_eq!(
        v.declare(
            b"x",
            DeclScope::Current,
            Attributes::NAMEREF,
            Attributes::NONE
        ),
        Err(VarError::InvalidNameref(b"1".to_vec()))
    );
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"1\""));
    // a=(1 2); declare -n a -> reference variable cannot be an array
    arr(&mut v, "a", &["1", "2"]);
    assert_eq!(
        v.declare(
            b"a",
            DeclScope::Current,
            Attributes::NAMEREF,
            Attributes::NONE
        ),
        Err(VarError::NamerefArray(b"a".to_vec()))
    );
    assert_eq!(
        nameref(&mut v, "bad", "1x"),
        Err(VarError::InvalidNameref(b"1x".to_vec()))
    );
    assert!(!v.exists(b"bad"));
    // declare -n r=x; declare -a r -> applies to x
    nameref(&mut v, "r", "nx").unwrap();
    v.declare(
        b"r",
        DeclScope::Current,
        Attributes::INDEXED,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"nx\""));
    assert_eq!(p(&mut v, "nx").as_deref(), Some("declare -a nx"));
    assert!(v.is_indexed(b"r"));
    // declare -n r=x; declare -i r=3+4 -> declare -i x="7" (executor evaluates)
    nameref(&mut v, "ri", "ix").unwrap();
    v.declare_set(
        b"ri",
        DeclScope::Current,
        Attributes::INTEGER,
        Attributes::NONE,
        b"7".to_vec(),
    )
    .unwrap();
    assert_eq!(p(&mut v, "ix").as_deref(), Some("declare -i ix=\"7\""));
    assert!(v.is_integer(b"ri"));
    // declare -n r=x; declare -n r=y -> r points at y
    nameref(&mut v, "rr", "x").unwrap();
    nameref(&mut v, "rr", "y").unwrap();
    assert_eq!(p(&mut v, "rr").as_deref(), Some("declare -n rr=\"y\""));
    // declare +n rr turns it into a plain variable holding the name
    v.declare(
        b"rr",
        DeclScope::Current,
        Attributes::NONE,
        Attributes::NAMEREF,
    )
    .unwrap();
    assert_eq!(p(&mut v, "rr").as_deref(), Some("declare -- rr=\"y\""));
    // export through a nameref exports the target
    nameref(&mut v, "re", "ex").unwrap();
    v.declare_set(
        b"re",
        DeclScope::Current,
        Attributes::EXPORT,
        Attributes::NONE,
        b"v".to_vec(),
    )
    .unwrap();
    assert_eq!(p(&mut v, "ex").as_deref(), Some("declare -x ex=\"v\""));
    assert!(v.environ().iter().any(|c| c.as_bytes() == b"ex=v"));
}

#[test]
fn arrays_through_namerefs() {
    // declare -n r=x; r=(1 2); declare -p x r -> x array, r nameref
    let mut v = Variables::new();
    nameref(&mut v, "r", "x").unwrap();
    arr(&mut v, "r", &["1", "2"]);
    assert_eq!(
        p(&mut v, "x").as_deref(),
        Some("declare -a x=([0]=\"1\" [1]=\"2\")")
    );
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"x\""));
    // declare -n r=y; r[3]=5 -> declare -a y=([3]="5")
    nameref(&mut v, "r2", "y").unwrap();
    v.set_element(b"r2", Subscript::Index(3), b"5".to_vec())
        .unwrap();
    assert_eq!(p(&mut v, "y").as_deref(), Some("declare -a y=([3]=\"5\")"));
    assert_eq!(
        v.get_element(b"r2", Subscript::Index(3)).as_deref(),
        Some(&b"5"[..])
    );
    assert_eq!(v.keys(b"r2"), Some(vec![b"3".to_vec()]));
    v.unset_element(b"r2", Subscript::Index(3)).unwrap();
    assert_eq!(v.len_elements(b"r2"), 0);
    // declare -n r; r=(1 2) -> warning: removing nameref attribute; r is an array
    v.declare(
        b"u",
        DeclScope::Current,
        Attributes::NAMEREF,
        Attributes::NONE,
    )
    .unwrap();
    arr(&mut v, "u", &["1", "2"]);
    assert_eq!(
        p(&mut v, "u").as_deref(),
        Some("declare -a u=([0]=\"1\" [1]=\"2\")")
    );
    // assoc through nameref
    v.declare(
        b"m",
        DeclScope::Current,
        Attributes::ASSOC,
        Attributes::NONE,
    )
    .unwrap();
    nameref(&mut v, "rm", "m").unwrap();
    assert!(v.is_assoc(b"rm"));
    v.set_element(b"rm", Subscript::Key(b"k"), b"v".to_vec())
        .unwrap();
    assert_eq!(p(&mut v, "m").as_deref(), Some("declare -A m=([k]=\"v\" )"));
}

#[test]
fn function_argument_idiom() {
    // f() { local -n ref=$1; ref=changed; ref+=(!); }; x=orig; f x
    let mut v = Variables::new();
    set(&mut v, "x", "orig");
    v.push_function_scope();
    v.declare_set(
        b"ref",
        DeclScope::Local,
        Attributes::NAMEREF,
        Attributes::NONE,
        b"x".to_vec(),
    )
    .unwrap();
    set(&mut v, "ref", "changed");
    assert_eq!(v.function_depth(), 1);
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("changed"));
    assert!(!v.exists(b"ref"));
    // The target is looked up dynamically from where it is used (bash gotcha):
    // g() { local x=inner; local -n r=x; echo $r; } -> inner
    v.push_function_scope();
    v.declare_set(
        b"x",
        DeclScope::Local,
        Attributes::NONE,
        Attributes::NONE,
        b"inner".to_vec(),
    )
    .unwrap();
    v.declare_set(
        b"r",
        DeclScope::Local,
        Attributes::NAMEREF,
        Attributes::NONE,
        b"x".to_vec(),
    )
    .unwrap();
    assert_eq!(s(&mut v, "r").as_deref(), Some("inner"));
    v.pop_function_scope();
}

#[test]
fn local_through_local_nameref_makes_target_local() {
    // f(){ local -n r=$1; local r; declare -p r x; r=3; declare -p x; }; x=1; f x; declare -p x
    // -> declare -n r="x" / declare -- x / declare -- x="3" / declare -- x="1"
    let mut v = Variables::new();
    set(&mut v, "x", "1");
    v.push_function_scope();
    let (c, none) = (DeclScope::Local, Attributes::NONE);
    v.declare_set(b"r", c, Attributes::NAMEREF, none, b"x".to_vec())
        .unwrap();
    v.declare_local(b"r").unwrap();
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -n r=\"x\""));
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x"));
    set(&mut v, "r", "3");
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"3\""));
    // local -i r -> declare -i x ; local r=(1 2) -> local array x
    v.declare(b"r", c, Attributes::INTEGER, none).unwrap();
    assert!(v.is_integer(b"x"));
    v.declare_array(
        b"r",
        c,
        none,
        none,
        vec![(None, b"1".to_vec()), (None, b"2".to_vec())],
        false,
    )
    .unwrap();
    assert_eq!(
        p(&mut v, "x").as_deref(),
        Some("declare -ai x=([0]=\"1\" [1]=\"2\")")
    );
    v.pop_function_scope();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"1\""));
    // a loop of local namerefs is reported, not followed forever
    v.push_function_scope();
    v.declare_set(b"a", c, Attributes::NAMEREF, none, b"b".to_vec())
        .unwrap();
    v.declare_set(b"b", c, Attributes::NAMEREF, none, b"a".to_vec())
        .unwrap();
    assert_eq!(
        v.declare_local(b"a"),
        Err(VarError::CircularRef(b"a".to_vec()))
    );
    v.pop_function_scope();
}
