//! Paginators: any [`Paginated`] operation as an async stream of pages or of items.
//!
//! A stream asks for the next page only when polled past the current one, stops after the page
//! without a `nextToken` (or with an empty one), stops with the error of a failed page, and also
//! stops (with `CallErrorKind::PaginationLoop`) if the service hands back the token it was just given, which
//! would otherwise loop forever.

use crate::client::{CallOptions, Client};
use crate::error::{CallError, CallErrorKind};
use futures_util::stream::{self, LocalBoxStream, StreamExt};
use imagebuilder_core::protocol::Paginated;
use std::collections::VecDeque;

/// A stream of pages.
pub type PageStream<T> = LocalBoxStream<'static, Result<T, CallError>>;

struct PageState<I> {
    client: Client,
    input: I,
    options: CallOptions,
    /// `Some(token)` while there is a page to fetch (`Some(None)` for the first).
    next: Option<Option<String>>,
    /// An error to yield after the page just yielded.
    error: Option<CallError>,
    pages: u32,
}

impl Client {
    /// All pages of `O`, starting from `input` (whose `nextToken`, if set, is the first page's).
    pub fn paginate<O>(&self, input: O::Input) -> PageStream<O::Output>
    where
        O: Paginated + 'static,
        O::Input: Clone + 'static,
        O::Output: 'static,
    {
        self.paginate_with::<O>(input, CallOptions::default())
    }

    /// [`Client::paginate`] with options (a cancel token stops the stream with `Cancelled`).
    pub fn paginate_with<O>(&self, input: O::Input, options: CallOptions) -> PageStream<O::Output>
    where
        O: Paginated + 'static,
        O::Input: Clone + 'static,
        O::Output: 'static,
    {
        let state = PageState {
            client: self.clone(),
            input,
            options,
            next: Some(None),
            error: None,
            pages: 0,
        };
        stream::unfold(state, |mut state| async move {
            if let Some(e) = state.error.take() {
                return Some((Err(e), state));
            }
            let token = state.next.take()?;
            let mut input = state.input.clone();
            if token.is_some() {
                O::set_next_token(&mut input, token.clone());
            }
            match state.client.send_with::<O>(input, &state.options).await {
                Ok(output) => {
                    state.pages += 1;
                    let next = O::next_token(&output)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string);
                    if next.is_some() && next == token {
                        state.error = Some(loop_error(O::NAME, state.pages));
                    } else {
                        state.next = next.map(Some);
                    }
                    Some((Ok(output), state))
                }
                Err(e) => Some((Err(e), state)),
            }
        })
        .boxed_local()
    }

    /// Every item of every page of `O`, in order.
    pub fn paginate_items<O>(&self, input: O::Input) -> PageStream<O::Item>
    where
        O: Paginated + 'static,
        O::Input: Clone + 'static,
        O::Output: 'static,
        O::Item: 'static,
    {
        self.paginate_items_with::<O>(input, CallOptions::default())
    }

    /// [`Client::paginate_items`] with options.
    pub fn paginate_items_with<O>(
        &self,
        input: O::Input,
        options: CallOptions,
    ) -> PageStream<O::Item>
    where
        O: Paginated + 'static,
        O::Input: Clone + 'static,
        O::Output: 'static,
        O::Item: 'static,
    {
        let pages = self.paginate_with::<O>(input, options);
        stream::unfold(
            (pages, VecDeque::<O::Item>::new(), false),
            |(mut pages, mut buffer, mut done)| async move {
                loop {
                    if let Some(item) = buffer.pop_front() {
                        return Some((Ok(item), (pages, buffer, done)));
                    }
                    if done {
                        return None;
                    }
                    match pages.next().await {
                        Some(Ok(page)) => buffer.extend(O::items(page)),
                        Some(Err(e)) => {
                            done = true;
                            return Some((Err(e), (pages, buffer, done)));
                        }
                        None => done = true,
                    }
                }
            },
        )
        .boxed_local()
    }
}

fn loop_error(operation: &'static str, pages: u32) -> CallError {
    CallError::new(CallErrorKind::PaginationLoop { operation, pages }, 1)
}
