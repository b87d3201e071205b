//! The Map state (inline).

use super::prelude::*;

/// A Map state (inline): runs an item processor for each item of a list.
///
/// ```
/// use stepfunctions::prelude::*;
/// let m = Map::new("Map State")
///     .items_path("$.inputForMap")
///     .max_concurrency(2)
///     .item_selector(Payload::from_object([("item", JsonPath::map_item_value())]))
///     .item_processor(Pass::new("Pass State"));
/// ```
#[derive(Debug, Clone)]
pub struct Map<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

constructors!(Map, "Map state (inline) with no item processor yet", "", |name| {
    Node::new(name, Kind::Map(Box::default()))
});

impl<L: Language> Map<L> {
    fn from_node(node: Node) -> Self {
        Map {
            parts: Parts::new(node),
            language: PhantomData,
        }
    }

    fn spec(&mut self) -> &mut MapState {
        match &mut self.parts.node.kind {
            Kind::Map(spec) => spec,
            _ => unreachable!("a Map builder holds a Map node"),
        }
    }

    /// The states run for each item, written as the older `Iterator` field (CDK's deprecated
    /// `Map.iterator`), for definitions written before `ItemProcessor`. Prefer
    /// [`item_processor`](Map::item_processor).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let m = Map::new("M").iterator(Pass::new("Item"));
    /// let asl = StateMachine::new("S", m).render_asl().unwrap();
    /// assert!(asl.definition.contains("\"Iterator\": {"));
    /// assert!(!asl.definition.contains("ProcessorConfig"));
    /// ```
    #[must_use]
    pub fn iterator(self, processor: impl Into<Chain>) -> Self {
        let mut map = self.item_processor(processor);
        map.spec().legacy_iterator = true;
        map
    }
}

impl Map<JsonPath> {
    /// Reshapes each item, written as the older `Parameters` field (CDK's deprecated
    /// `parameters` of a Map), for definitions written before `ItemSelector`. Prefer
    /// [`item_selector`](Map::item_selector).
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// let m = Map::new("M")
    ///     .parameters(Payload::from_object([("item", JsonPath::map_item_value())]))
    ///     .iterator(Pass::new("Item"));
    /// let asl = StateMachine::new("S", m).render_asl().unwrap();
    /// assert!(asl.definition.contains("\"Parameters\": {"));
    /// ```
    #[must_use]
    pub fn parameters(mut self, selector: Payload) -> Self {
        self.spec().item_selector = Some(selector);
        self.spec().legacy_parameters = true;
        self
    }
}

/// The setters an inline and a Distributed Map share: item selection, processor, concurrency
/// and the items' source in each language.
macro_rules! map_setters {
    ($ty:ident, $limit:literal) => {
        impl<L: Language> $ty<L> {
            /// Reshapes each item before processing (may use `$$.Map.Item.Value`). Default: the
            /// item.
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            #[doc = concat!("let m = ", stringify!($ty), "::new(\"M\").item_selector(Payload::from_object([(\"index\", JsonPath::map_item_index())]));")]
            /// ```
            #[must_use]
            pub fn item_selector(mut self, selector: Payload) -> Self {
                self.spec().item_selector = Some(selector);
                self.spec().legacy_parameters = false;
                self
            }

            /// The states run for each item.
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            #[doc = concat!("let m = ", stringify!($ty), "::new(\"M\").item_processor(Pass::new(\"Item\"));")]
            /// ```
            #[must_use]
            pub fn item_processor(mut self, processor: impl Into<Chain>) -> Self {
                let (graph, errors) = processor.into().into_graph();
                self.parts.errors.extend(errors);
                self.spec().processor = Some(graph);
                self.spec().legacy_iterator = false;
                self
            }

            #[doc = concat!("How many items run at once; 0 means as many as possible. Default: 0. ", $limit)]
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            #[doc = concat!("let m = ", stringify!($ty), "::new(\"M\").max_concurrency(10);")]
            /// ```
            #[must_use]
            pub fn max_concurrency(mut self, n: u32) -> Self {
                self.spec().max_concurrency = Some(n);
                self
            }
        }

        impl $ty<JsonPath> {
            /// The path of the list in the input. Default: `$` (the input is the list).
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            #[doc = concat!("let m = ", stringify!($ty), "::new(\"M\").items_path(\"$.items\");")]
            /// ```
            #[must_use]
            pub fn items_path(mut self, path: impl Into<Path>) -> Self {
                self.spec().items_path = Some(path.into());
                self
            }

            /// Reads the max concurrency from the input. Default: none.
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            #[doc = concat!("let m = ", stringify!($ty), "::new(\"M\").max_concurrency_path(\"$.concurrency\");")]
            /// ```
            #[must_use]
            pub fn max_concurrency_path(mut self, path: impl Into<Path>) -> Self {
                self.spec().max_concurrency_path = Some(path.into());
                self
            }
        }

        impl $ty<Jsonata> {
            /// The items to process (`Items`): a list, or an expression giving one. Default: the
            /// state's input, which must be a list.
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            /// use stepfunctions::model::Jsonata;
            #[doc = concat!("let m = ", stringify!($ty), "::jsonata(\"Each\").items(Jsonata::states_input().field(\"items\").into());")]
            /// ```
            #[must_use]
            pub fn items(mut self, items: Payload) -> Self {
                self.spec().items = Some(items);
                self
            }

            /// `MaxConcurrency` from an expression evaluated when the state runs.
            ///
            /// ```
            /// use stepfunctions::prelude::*;
            /// use stepfunctions::model::Jsonata;
            #[doc = concat!("let m = ", stringify!($ty), "::jsonata(\"Each\").max_concurrency_expr(Jsonata::states_input().field(\"concurrency\"));")]
            /// ```
            #[must_use]
            pub fn max_concurrency_expr(mut self, expression: impl Into<crate::model::Jsonata>) -> Self {
                self.spec().max_concurrency_expr = Some(expression.into());
                self
            }
        }
    };
}

pub(super) use map_setters;

map_setters!(
    Map,
    "An inline Map runs at most 40 at once: a larger value renders with a warning."
);

builder!(Map: [Assign, ErrorHandling] [InputOutput, ResultPath, ResultSelector] [JsonataOutput]);
simple_chain!(Map);
