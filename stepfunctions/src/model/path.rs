//! Paths: JSONPath text, parsed when it is built.

use std::fmt;

use crate::json_path::syntax::{self, PathKind, Root};

/// A JSONPath as written (`$.order.id`, `$$.Task.Token`, `$myVariable.total`), parsed when it
/// is built. A malformed path is kept with what is wrong with it, and reported at synthesis with
/// the state and the field it is in; the text renders exactly as written.
///
/// ```
/// use stepfunctions::model::{Path, PathRoot};
/// let p = Path::new("$.items[0].id");
/// assert_eq!(p.as_str(), "$.items[0].id");
/// assert_eq!(p.root(), Some(PathRoot::Input));
/// assert!(p.is_reference());
///
/// assert_eq!(Path::new("$order.total").root(), Some(PathRoot::Variable("order")));
/// assert!(!Path::new("$.items[*]").is_reference());
/// assert!(Path::new("items").error().is_some());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Path {
    text: String,
    /// What parsing found; the messages of a malformed or non-reference path are spelled out
    /// again only when asked for (an error is rare, and a path stays small).
    shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Shape {
    Malformed,
    Parsed { root: Root, reference: bool },
}

/// Where a path starts.
///
/// ```
/// use stepfunctions::model::{Path, PathRoot};
/// assert_eq!(Path::new("$$.Map.Item.Value").root(), Some(PathRoot::Context));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathRoot<'a> {
    /// `$`: the state's input.
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(&'a str),
}

impl Path {
    /// Parses a path.
    ///
    /// ```
    /// let p = stepfunctions::model::Path::new("$.a");
    /// assert!(p.error().is_none());
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let shape = match syntax::scan(&text) {
            Ok((root, not_reference)) => Shape::Parsed {
                root,
                reference: not_reference.is_none(),
            },
            Err(_) => Shape::Malformed,
        };
        Path { text, shape }
    }

    /// The path as written.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Path::new("$").as_str(), "$");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Where the path starts; `None` for a malformed path.
    ///
    /// ```
    /// assert_eq!(stepfunctions::model::Path::new("x").root(), None);
    /// ```
    pub fn root(&self) -> Option<PathRoot<'_>> {
        let Shape::Parsed { root, .. } = self.shape else {
            return None;
        };
        Some(match root {
            Root::Input => PathRoot::Input,
            Root::Context => PathRoot::Context,
            Root::Variable => PathRoot::Variable(syntax::variable_name(&self.text)),
        })
    }

    /// Whether the path names a single node (a reference path, as `ResultPath` needs).
    ///
    /// ```
    /// assert!(!stepfunctions::model::Path::new("$..a").is_reference());
    /// ```
    pub fn is_reference(&self) -> bool {
        matches!(self.shape, Shape::Parsed { reference: true, .. })
    }

    /// What is wrong with a malformed path.
    ///
    /// ```
    /// assert!(stepfunctions::model::Path::new("$.a[").error().is_some());
    /// ```
    pub fn error(&self) -> Option<String> {
        match self.shape {
            Shape::Malformed => syntax::scan(&self.text).err(),
            Shape::Parsed { .. } => None,
        }
    }

    /// What keeps the path from being of `kind`, if anything.
    pub(crate) fn check(&self, kind: PathKind) -> Result<(), String> {
        match self.shape {
            Shape::Parsed { reference: true, .. } => Ok(()),
            Shape::Parsed { reference: false, .. } if kind == PathKind::Path => Ok(()),
            _ => syntax::check(&self.text, kind),
        }
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::ops::Deref for Path {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Path {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<&str> for Path {
    fn from(text: &str) -> Self {
        Path::new(text)
    }
}

impl From<String> for Path {
    fn from(text: String) -> Self {
        Path::new(text)
    }
}

impl From<&String> for Path {
    fn from(text: &String) -> Self {
        Path::new(text.as_str())
    }
}

impl From<Path> for String {
    fn from(path: Path) -> Self {
        path.text
    }
}

impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<String> for Path {
    fn eq(&self, other: &String) -> bool {
        self.text == *other
    }
}

impl serde::Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_once_and_keeps_the_text() {
        let p = Path::new("$['a b'][0]");
        assert_eq!(p.to_string(), "$['a b'][0]");
        assert!(p.is_reference() && p.error().is_none());
        assert_eq!(p.check(PathKind::Reference), Ok(()));
        let slice = Path::new("$.a[1:2]");
        assert_eq!(slice.check(PathKind::Path), Ok(()));
        assert!(slice.check(PathKind::Reference).is_err());
        let bad = Path::new("a.b");
        assert_eq!(bad.root(), None);
        assert!(bad.check(PathKind::Path).is_err());
        assert_eq!(std::mem::size_of::<Path>(), 32);
    }
}
