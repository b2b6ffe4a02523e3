//! Errors from the variable store ([`VarError`]) and their bash-compatible
//! message text (without the `whelk: ` / builtin-name prefix the caller adds).

/// Why a variable operation failed. Payloads are the bytes shown in the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarError {
    /// Assignment to (or attribute removal from) a readonly variable: `NAME: readonly variable`.
    Readonly(Vec<u8>),
    /// `unset` of a readonly variable: `NAME: cannot unset: readonly variable`.
    CannotUnset(Vec<u8>),
    /// Out-of-range negative index, empty assoc key, `@` in a nameref target...:
    /// `TEXT: bad array subscript` (TEXT is `name` on reads, `name[sub]` on writes).
    BadSubscript(Vec<u8>),
    /// `unset 'x[1]'` on a scalar: `NAME: not an array variable`.
    NotArray(Vec<u8>),
    /// Nameref chain longer than the limit or looping: `warning: NAME: circular name reference`.
    CircularRef(Vec<u8>),
    /// `declare -n x=x`: `NAME: nameref variable self references not allowed`.
    NamerefSelf(Vec<u8>),
    /// `declare -n r=1bad`: `` `VALUE': invalid variable name for name reference ``.
    InvalidNameref(Vec<u8>),
    /// `declare -n` on an array: `NAME: reference variable cannot be an array`.
    NamerefArray(Vec<u8>),
    /// `` `NAME': not a valid identifier ``.
    InvalidName(Vec<u8>),
    /// `declare -A` on an indexed array.
    IndexedToAssoc(Vec<u8>),
    /// `declare -a` on an associative array.
    AssocToIndexed(Vec<u8>),
    /// `declare +a` / `declare +A` on an array.
    DestroyArray(Vec<u8>),
    /// `NAME: 'WORD': must use subscript when assigning associative array`.
    AssocNeedsSubscript(Vec<u8>, Vec<u8>),
    /// `local` outside a function: `can only be used in a function`.
    NotInFunction,
}

impl VarError {
    /// The message bash prints (after its `bash: line N: builtin: ` prefix).
    pub fn message(&self) -> Vec<u8> {
        let (pre, name, post): (&[u8], &[u8], &[u8]) = match self {
            Self::Readonly(n) => (b"", n, b": readonly variable"),
            Self::CannotUnset(n) => (b"", n, b": cannot unset: readonly variable"),
            Self::BadSubscript(n) => (b"", n, b": bad array subscript"),
            Self::NotArray(n) => (b"", n, b": not an array variable"),
            Self::CircularRef(n) => (b"warning: ", n, b": circular name reference"),
            Self::NamerefSelf(n) => (b"", n, b": nameref variable self references not allowed"),
            Self::InvalidNameref(v) => (b"`", v, b"': invalid variable name for name reference"),
            Self::NamerefArray(n) => (b"", n, b": reference variable cannot be an array"),
            Self::InvalidName(n) => (b"`", n, b"': not a valid identifier"),
            Self::IndexedToAssoc(n) => (b"", n, b": cannot convert indexed to associative array"),
            Self::AssocToIndexed(n) => (b"", n, b": cannot convert associative to indexed array"),
            Self::DestroyArray(n) => (b"", n, b": cannot destroy array variables in this way"),
            Self::AssocNeedsSubscript(n, w) => {
                let mut m = n.clone();
                m.extend_from_slice(b": '");
                m.extend_from_slice(w);
                m.extend_from_slice(b"': must use subscript when assigning associative array");
                return m;
            }
            Self::NotInFunction => (b"", b"", b"can only be used in a function"),
        };
        [pre, name, post].concat()
    }
}

impl std::fmt::Display for VarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.message()))
    }
}

impl std::error::Error for VarError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_bash() {
        let m = |e: VarError| String::from_utf8(e.message()).unwrap();
        assert_eq!(m(VarError::Readonly(b"r".to_vec())), "r: readonly variable");
        assert_eq!(
            m(VarError::CannotUnset(b"r".to_vec())),
            "r: cannot unset: readonly variable"
        );
        assert_eq!(
            m(VarError::BadSubscript(b"a[-4]".to_vec())),
            "a[-4]: bad array subscript"
        );
        assert_eq!(
            m(VarError::CircularRef(b"a".to_vec())),
            "warning: a: circular name reference"
        );
        assert_eq!(
            m(VarError::InvalidNameref(b"1".to_vec())),
            "`1': invalid variable name for name reference"
        );
        assert_eq!(
            m(VarError::InvalidName(b"1bad".to_vec())),
            "`1bad': not a valid identifier"
        );
        assert_eq!(
            m(VarError::AssocNeedsSubscript(b"m".to_vec(), b"b".to_vec())),
            "m: 'b': must use subscript when assigning associative array"
        );
        assert_eq!(m(VarError::NotInFunction), "can only be used in a function");
        assert_eq!(
            m(VarError::NotArray(b"x".to_vec())),
            "x: not an array variable"
        );
        assert_eq!(
            VarError::DestroyArray(b"a".to_vec()).to_string(),
            "a: cannot destroy array variables in this way"
        );
    }
}
