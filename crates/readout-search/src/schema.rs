//! The index schema: one tantivy document per paragraph (and one per title),
//! carrying its document's id and facets, its text stored as written, and
//! three analyzed views of that text.

use crate::bigram::BigramTokenizer;
use crate::chinese::ChineseTokenizer;
use crate::dictionary::Dictionary;
use crate::latin::english_analyzer;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::TokenizerManager;

pub(crate) const ZH_TOKENIZER: &str = "readout_zh";
pub(crate) const BIGRAM_TOKENIZER: &str = "readout_bigram";
pub(crate) const EN_TOKENIZER: &str = "readout_en";

/// `part` of a title entry.
pub(crate) const PART_TITLE: u64 = 0;
/// `part` of a body paragraph.
pub(crate) const PART_BODY: u64 = 1;

/// The fields, by handle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The caller's document id (indexed whole, for deletion).
    pub doc: Field,
    /// A number per indexed document, to group paragraphs fast and exactly.
    pub doc_num: Field,
    pub part: Field,
    pub ordinal: Field,
    /// Character offset of the paragraph in the document's body.
    pub at: Field,
    pub lang: Field,
    pub script: Field,
    pub kind: Field,
    /// yyyymmdd, with 00 for an unknown month or day.
    pub date: Field,
    pub event: Field,
    pub title: Field,
    pub text: Field,
    pub zh: Field,
    pub bigram: Field,
    pub en: Field,
}

fn analyzed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        doc: b.add_text_field("doc", STRING | STORED),
        doc_num: b.add_u64_field("doc_num", FAST),
        part: b.add_u64_field("part", FAST | STORED),
        ordinal: b.add_u64_field("ordinal", STORED),
        at: b.add_u64_field("at", STORED),
        lang: b.add_text_field("lang", STRING | FAST | STORED),
        script: b.add_text_field("script", STRING | FAST | STORED),
        kind: b.add_text_field("kind", STRING | FAST | STORED),
        date: b.add_i64_field("date", FAST | STORED | INDEXED),
        event: b.add_text_field("event", STRING | STORED),
        title: b.add_text_field("title", STORED),
        text: b.add_text_field("text", STORED),
        zh: b.add_text_field("zh", analyzed(ZH_TOKENIZER)),
        bigram: b.add_text_field("bigram", analyzed(BIGRAM_TOKENIZER)),
        en: b.add_text_field("en", analyzed(EN_TOKENIZER)),
    };
    (b.build(), fields)
}

/// Fields of an index opened from disk, by name.
pub(crate) fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        doc: f("doc")?,
        doc_num: f("doc_num")?,
        part: f("part")?,
        ordinal: f("ordinal")?,
        at: f("at")?,
        lang: f("lang")?,
        script: f("script")?,
        kind: f("kind")?,
        date: f("date")?,
        event: f("event")?,
        title: f("title")?,
        text: f("text")?,
        zh: f("zh")?,
        bigram: f("bigram")?,
        en: f("en")?,
    })
}

pub(crate) fn register(tokenizers: &TokenizerManager, dict: &Dictionary) {
    tokenizers.register(ZH_TOKENIZER, ChineseTokenizer::new(dict.clone()));
    tokenizers.register(BIGRAM_TOKENIZER, BigramTokenizer);
    tokenizers.register(EN_TOKENIZER, english_analyzer());
}
