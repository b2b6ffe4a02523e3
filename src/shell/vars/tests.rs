//! Behaviour tests for the store as a whole: scoping, unset, namerefs,
//! arrays, temp scopes, readonly, specials. Expected values were checked
//! against bash 5.2 (`bash -c '...'`), quoted in the comments.

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

#[test]
fn plain_scalars() {
    let mut v = Variables::new();
    assert_eq!(s(&mut v, "x"), None);
    set(&mut v, "x", "1");
    assert_eq!(s(&mut v, "x").as_deref(), Some("1"));
    v.append(b"x", b"23").unwrap();
    assert_eq!(s(&mut v, "x").as_deref(), Some("123"));
    assert!(v.is_set(b"x") && v.exists(b"x"));
    assert!(matches!(v.get(b"x"), Some(std::borrow::Cow::Borrowed(_))));
    v.set(b"bin", vec![0xff, 0, b'a']).unwrap();
    assert_eq!(v.get(b"bin").as_deref(), Some(&[0xff, 0, b'a'][..]));
    v.unset(b"x").unwrap();
    assert!(!v.exists(b"x"));
    v.unset(b"never").unwrap();
}

#[test]
fn valid_names() {
    assert!(is_valid_name(b"_"));
    assert!(is_valid_name(b"a1_B"));
    assert!(!is_valid_name(b""));
    assert!(!is_valid_name(b"1a"));
    assert!(!is_valid_name(b"a-b"));
    assert!(!is_valid_name("é".as_bytes()));
}

#[test]
fn dynamic_scope_through_nested_functions() {
    // f() { local x=f; g; echo "f:$x"; }; g() { echo "g:$x"; x=set_by_g; }
    let mut v = Variables::new();
    set(&mut v, "x", "global");
    v.push_function_scope();
    local(&mut v, "x", Some("f"));
    v.push_function_scope();
    assert_eq!(v.function_depth(), 2);
    assert_eq!(s(&mut v, "x").as_deref(), Some("f"));
    set(&mut v, "x", "set_by_g");
    set(&mut v, "fresh", "new");
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("set_by_g"));
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("global"));
    // assignment to a name with no binding anywhere creates a global
    assert_eq!(s(&mut v, "fresh").as_deref(), Some("new"));
    assert_eq!(v.function_depth(), 0);
    v.pop_function_scope(); // extra pops are harmless
    assert_eq!(s(&mut v, "x").as_deref(), Some("global"));
}

#[test]
fn local_starts_unset_and_shadows() {
    let mut v = Variables::new();
    set(&mut v, "x", "g");
    v.push_function_scope();
    local(&mut v, "x", None);
    assert_eq!(s(&mut v, "x"), None);
    assert!(v.exists(b"x"));
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x"));
    set(&mut v, "x", "l");
    assert_eq!(s(&mut v, "x").as_deref(), Some("l"));
    // `local x` again keeps the existing local
    local(&mut v, "x", None);
    assert_eq!(s(&mut v, "x").as_deref(), Some("l"));
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("g"));
    assert_eq!(v.declare_local(b"x"), Err(VarError::NotInFunction));
}

#[test]
fn unset_local_in_running_function_stays_local() {
    // f() { local -i x=1; unset x; echo "${x-U}"; declare -p x; x=5; declare -p x; }; f; echo $x
    // -> U / declare -- x / declare -- x="5" / g
    let mut v = Variables::new();
    set(&mut v, "x", "g");
    v.push_function_scope();
    v.declare_set(
        b"x",
        DeclScope::Local,
        Attributes::INTEGER,
        Attributes::NONE,
        b"1".to_vec(),
    )
    .unwrap();
    v.unset(b"x").unwrap();
    assert_eq!(s(&mut v, "x"), None);
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x"));
    set(&mut v, "x", "5");
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"5\""));
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("g"));
}

#[test]
fn unset_callers_local_reveals_outer() {
    // x=g; f() { local x=f; g; echo "f:$x"; }; g() { unset x; echo "g:$x"; }; f
    // -> g:g / f:g
    let mut v = Variables::new();
    set(&mut v, "x", "g");
    v.push_function_scope();
    local(&mut v, "x", Some("f"));
    v.push_function_scope();
    v.unset(b"x").unwrap();
    assert_eq!(s(&mut v, "x").as_deref(), Some("g"));
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("g"));
    v.pop_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("g"));
}

#[test]
fn unset_global_from_function() {
    let mut v = Variables::new();
    set(&mut v, "y", "1");
    v.push_function_scope();
    v.unset(b"y").unwrap();
    assert!(!v.exists(b"y"));
    v.pop_function_scope();
    assert!(!v.exists(b"y"));
}

#[test]
fn temp_scope_for_function_call() {
    // x=1; f() { x=2; echo in:$x; }; x=5 f; echo $x   -> in:2 / 1
    let mut v = Variables::new();
    set(&mut v, "x", "1");
    v.push_temp_scope();
    v.set_temp(b"x", b"5".to_vec()).unwrap();
    v.push_function_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("5"));
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -x x=\"5\""));
    set(&mut v, "x", "2");
    assert_eq!(s(&mut v, "x").as_deref(), Some("2"));
    v.pop_function_scope();
    v.pop_temp_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("1"));
}

#[test]
fn local_inherits_temp_value() {
    // x=1; f() { local x; declare -p x; }; x=4 f   -> declare -x x="4"
    let mut v = Variables::new();
    set(&mut v, "x", "1");
    v.push_temp_scope();
    v.set_temp(b"x", b"4".to_vec()).unwrap();
    v.push_function_scope();
    local(&mut v, "x", None);
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -x x=\"4\""));
    v.pop_function_scope();
    v.pop_temp_scope();
    assert_eq!(p(&mut v, "x").as_deref(), Some("declare -- x=\"1\""));
}

#[test]
fn unset_temp_binding_reveals_global() {
    // x=1; f() { unset x; echo "u:${x-U}"; }; x=4 f; echo $x   -> u:1 / 1
    let mut v = Variables::new();
    set(&mut v, "x", "1");
    v.push_temp_scope();
    v.set_temp(b"x", b"4".to_vec()).unwrap();
    v.push_function_scope();
    v.unset(b"x").unwrap();
    assert_eq!(s(&mut v, "x").as_deref(), Some("1"));
    v.pop_function_scope();
    v.pop_temp_scope();
    assert_eq!(s(&mut v, "x").as_deref(), Some("1"));
}

#[test]
fn temp_scope_for_builtin_absorbs_assignment() {
    // x=5 read x <<< hi; echo $x   -> (empty: x was unset before)
    let mut v = Variables::new();
    v.push_temp_scope();
    v.set_temp(b"x", b"5".to_vec()).unwrap();
    set(&mut v, "x", "hi");
    assert_eq!(s(&mut v, "x").as_deref(), Some("hi"));
    v.pop_temp_scope();
    assert_eq!(s(&mut v, "x"), None);
    // set_temp without a temp scope is a plain assignment
    v.set_temp(b"z", b"1".to_vec()).unwrap();
    assert_eq!(s(&mut v, "z").as_deref(), Some("1"));
    v.pop_temp_scope();
}

#[test]
fn local_inside_temp_scope_goes_to_function() {
    let mut v = Variables::new();
    v.push_function_scope();
    v.push_temp_scope();
    v.set_temp(b"t", b"1".to_vec()).unwrap();
    local(&mut v, "y", Some("2"));
    v.pop_temp_scope();
    assert_eq!(s(&mut v, "y").as_deref(), Some("2"));
    assert_eq!(s(&mut v, "t"), None);
    v.pop_function_scope();
    assert_eq!(s(&mut v, "y"), None);
}

#[test]
fn pop_function_scope_drops_stray_temp_scopes() {
    let mut v = Variables::new();
    v.push_function_scope();
    v.push_temp_scope();
    v.set_temp(b"t", b"1".to_vec()).unwrap();
    v.pop_function_scope();
    assert_eq!(v.function_depth(), 0);
    assert_eq!(s(&mut v, "t"), None);
    assert_eq!(v.scopes.len(), 1);
}

#[test]
fn readonly_errors() {
    let mut v = Variables::new();
    v.declare_set(
        b"r",
        DeclScope::Current,
        Attributes::READONLY,
        Attributes::NONE,
        b"1".to_vec(),
    )
    .unwrap();
    let ro = Err(VarError::Readonly(b"r".to_vec()));
    assert_eq!(v.set(b"r", b"2".to_vec()), ro);
    assert_eq!(v.append(b"r", b"2"), ro);
    assert_eq!(v.set_element(b"r", Subscript::Index(1), b"3".to_vec()), ro);
    assert_eq!(v.unset(b"r"), Err(VarError::CannotUnset(b"r".to_vec())));
    assert_eq!(
        v.unset_element(b"r", Subscript::Index(0)),
        Err(VarError::CannotUnset(b"r".to_vec()))
    );
    assert_eq!(
        v.declare(
            b"r",
            DeclScope::Current,
            Attributes::NONE,
            Attributes::READONLY
        ),
        ro
    );
    assert_eq!(
        v.declare_set(
            b"r",
            DeclScope::Current,
            Attributes::NONE,
            Attributes::NONE,
            b"5".to_vec()
        ),
        ro
    );
    assert_eq!(
        v.declare_set(
            b"r",
            DeclScope::Current,
            Attributes::READONLY,
            Attributes::NONE,
            b"5".to_vec()
        ),
        ro
    );
    // adding other attributes is allowed (bash: declare -x r; declare -a r)
    v.declare(
        b"r",
        DeclScope::Current,
        Attributes::EXPORT,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(p(&mut v, "r").as_deref(), Some("declare -rx r=\"1\""));
    v.declare(
        b"r",
        DeclScope::Current,
        Attributes::INDEXED,
        Attributes::NONE,
    )
    .unwrap();
    assert_eq!(
        p(&mut v, "r").as_deref(),
        Some("declare -arx r=([0]=\"1\")")
    );
    // local cannot shadow a readonly variable
    v.push_function_scope();
    assert_eq!(v.declare_local(b"r"), ro);
    v.pop_function_scope();
    v.push_temp_scope();
    assert_eq!(v.set_temp(b"r", b"x".to_vec()), ro);
    v.pop_temp_scope();
    assert!(v.is_readonly(b"r"));
    assert_eq!(
        VarError::Readonly(b"r".to_vec()).message(),
        b"r: readonly variable"
    );
}

#[test]
fn declare_readonly_with_value_sets_then_locks() {
    let mut v = Variables::new();
    v.declare_set(
        b"c",
        DeclScope::Current,
        Attributes::READONLY | Attributes::EXPORT | Attributes::LOWERCASE,
        Attributes::NONE,
        b"A".to_vec(),
    )
    .unwrap();
    assert_eq!(p(&mut v, "c").as_deref(), Some("declare -rxl c=\"a\""));
    v.declare_array(
        b"ra",
        DeclScope::Current,
        Attributes::READONLY,
        Attributes::NONE,
        vec![(None, b"1".to_vec())],
        false,
    )
    .unwrap();
    assert_eq!(
        p(&mut v, "ra").as_deref(),
        Some("declare -ar ra=([0]=\"1\")")
    );
    assert!(v.set_array(b"ra", vec![], false).is_err());
}
