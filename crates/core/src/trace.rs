//! Where stages write the decisions they take as they take them (`flashpoint explain`): a sink
//! that holds one record per kind, found by its type. The core knows no stage's record; each
//! stage defines its own and asks for it with [`Trace::record`].

use std::any::Any;

#[derive(Default)]
pub struct Trace {
    records: Vec<Box<dyn Any + Send>>,
}

impl Trace {
    /// The record of type `T`, made empty on first use.
    pub fn record<T: Any + Send + Default>(&mut self) -> &mut T {
        let at = match self.records.iter().position(|r| r.is::<T>()) {
            Some(at) => at,
            None => {
                self.records.push(Box::<T>::default());
                self.records.len() - 1
            }
        };
        self.records[at]
            .downcast_mut::<T>()
            .unwrap_or_else(|| unreachable!("the record at {at} was found by its type"))
    }

    /// The record of type `T`, if a stage wrote one.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.records.iter().find_map(|r| r.downcast_ref::<T>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug, PartialEq)]
    struct Steps(Vec<&'static str>);

    #[derive(Default, Debug, PartialEq)]
    struct Count(usize);

    #[test]
    fn each_kind_has_one_record() {
        let mut trace = Trace::default();
        assert_eq!(trace.get::<Steps>(), None);
        trace.record::<Steps>().0.push("split");
        trace.record::<Count>().0 += 2;
        trace.record::<Steps>().0.push("parse");
        assert_eq!(trace.get::<Steps>(), Some(&Steps(vec!["split", "parse"])));
        assert_eq!(trace.get::<Count>(), Some(&Count(2)));
    }
}
