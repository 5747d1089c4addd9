//! A token stream over tokens computed up front: the analyzers work on the
//! whole normalized text at once (the normalizer and the segmenter both need
//! context), then hand tantivy the tokens one by one.

use tantivy::tokenizer::{Token, TokenStream};

/// Tokens already computed, served in order.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
    /// Served if asked for a token before the first advance of an empty stream.
    empty: Token,
}

impl VecTokenStream {
    pub fn new(tokens: Vec<Token>) -> Self {
        VecTokenStream {
            tokens,
            next: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.tokens
            .get(self.next.saturating_sub(1))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.tokens.get_mut(self.next.saturating_sub(1)) {
            Some(t) => t,
            None => &mut self.empty,
        }
    }
}
