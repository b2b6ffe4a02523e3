//! Placeholder until the arithmetic parser lands (being written in parallel).
#[derive(Debug, Clone, PartialEq)]
pub enum ArithExpr {
    Number(i64),
}
#[derive(Debug, Clone)]
pub struct ArithSyntaxError {
    pub message: String,
    pub offset: usize,
}
pub fn parse_arith(_text: &[u8]) -> Result<ArithExpr, ArithSyntaxError> {
    Err(ArithSyntaxError { message: String::new(), offset: 0 })
}
pub fn dump(e: &ArithExpr) -> String {
    format!("{e:?}")
}
