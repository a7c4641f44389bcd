//! Morphological feature strings (`Field=Value|Field=Value`) as spaCy stores them.

/// spaCy's normal form (morphology.pyx): each value's comma list sorted, the `Field=Value` items
/// sorted as strings, joined by `|`. `_` and the empty string are the empty analysis, kept as
/// ``. A field given twice keeps its last value, as spaCy's dict does. `None` when an item has
/// no `=`.
pub fn normalise(features: &str) -> Option<String> {
    if features.is_empty() || features == "_" {
        return Some(String::new());
    }
    let mut fields: Vec<(&str, String)> = Vec::new();
    for item in features.split('|') {
        let (field, values) = item.split_once('=')?;
        let mut values: Vec<&str> = values.split(',').collect();
        values.sort_unstable();
        let values = values.join(",");
        match fields.iter_mut().find(|(f, _)| *f == field) {
            Some(slot) => slot.1 = values,
            None => fields.push((field, values)),
        }
    }
    let mut items: Vec<String> = fields
        .into_iter()
        .map(|(field, values)| format!("{field}={values}"))
        .collect();
    items.sort_unstable();
    Some(items.join("|"))
}

/// The value of `field` in a normalised feature string.
pub fn value<'a>(features: &'a str, field: &str) -> Option<&'a str> {
    features
        .split('|')
        .filter_map(|item| item.split_once('='))
        .find(|(f, _)| *f == field)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_values_and_fields() {
        assert_eq!(
            normalise("Tense=Past|Mood=Ind,Sub|Aspect=Perf").as_deref(),
            Some("Aspect=Perf|Mood=Ind,Sub|Tense=Past")
        );
        assert_eq!(
            normalise("PronType=Prs,Art|Case=Nom").as_deref(),
            Some("Case=Nom|PronType=Art,Prs")
        );
        // plain code-point order: upper case sorts before lower case
        assert_eq!(normalise("b=x|A=y|a=z").as_deref(), Some("A=y|a=z|b=x"));
    }

    #[test]
    fn empty_forms_and_repeats() {
        assert_eq!(normalise("_").as_deref(), Some(""));
        assert_eq!(normalise("").as_deref(), Some(""));
        assert_eq!(
            normalise("Number=Sing|Number=Plur").as_deref(),
            Some("Number=Plur")
        );
        assert_eq!(normalise("Number"), None);
    }

    #[test]
    fn reads_a_field() {
        let f = "Number=Sing|Person=3|VerbForm=Fin";
        assert_eq!(value(f, "Person"), Some("3"));
        assert_eq!(value(f, "Tense"), None);
        assert_eq!(value("", "Number"), None);
    }
}
