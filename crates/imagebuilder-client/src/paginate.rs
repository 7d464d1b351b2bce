//! Paginators of the typed operations: any [`Paginated`] operation as an async stream of pages
//! or of items, over the one paginator the JSON entry point uses too (`Client::pages`).

use crate::call::CallOptions;
use crate::call::Typed;
use crate::client::Client;
use crate::error::CallError;
use futures_util::stream::{self, LocalBoxStream, StreamExt};
use imagebuilder_core::protocol::Paginated;
use std::collections::VecDeque;

/// A stream of pages.
pub type PageStream<T> = LocalBoxStream<'static, Result<T, CallError>>;

impl Client {
    /// All pages of `O`, starting from `input` (whose `nextToken`, if set, is the first page's).
    /// `options`: `()` for none, or [`CallOptions`] / a [`CancelToken`](crate::CancelToken) (a
    /// cancel stops the stream with `Cancelled`). The stream stops after the page without a
    /// `nextToken`, with the error of a failed page, or with `CallErrorKind::PaginationLoop` if
    /// the service hands back the token it was just given.
    pub fn paginate<O>(
        &self,
        input: O::Input,
        options: impl Into<CallOptions>,
    ) -> PageStream<O::Output>
    where
        O: Paginated + 'static,
        O::Input: Clone + 'static,
        O::Output: 'static,
    {
        self.pages(Typed::<O>::new(), input, options.into())
    }

    /// Every item of every page of `O`, in order.
    pub fn paginate_items<O>(
        &self,
        input: O::Input,
        options: impl Into<CallOptions>,
    ) -> PageStream<O::Item>
    where
        O: Paginated + 'static,
        O::Input: Clone + 'static,
        O::Output: 'static,
        O::Item: 'static,
    {
        let pages = self.paginate::<O>(input, options);
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
