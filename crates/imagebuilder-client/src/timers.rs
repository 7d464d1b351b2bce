//! The sleeps of [`JsClock`](crate::fetch::JsClock) (per-attempt timeouts, backoffs, the
//! waiter's delays) on one `setTimeout` for the whole thread, armed for the earliest deadline.
//!
//! A timer per sleep cost every call a `setTimeout`, a `clearTimeout` and a wasm-bindgen closure
//! (with its finalizer registration), because every attempt races its response against the
//! 30-second attempt timeout and almost always drops the timer unfired. Here a sleep is an entry
//! in a list; the one timer is re-armed only for a deadline earlier than the armed one, and calls
//! its single long-lived callback, which wakes the sleeps that are due and arms for the next one.
//!
//! Deadlines are on `performance.now()` (monotonic, like the timers themselves); a timer that
//! fires a little early (Node's timers run on a loop time cached per tick) is armed again for the
//! rest. When no sleep is pending, the timer must not keep a Node process alive: a timer handle
//! with `unref` (Node, Bun) is unref'd and left armed (re-ref'd when a sleep comes), any other
//! (the numbers of browsers, workers, Deno) is cleared.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &JsValue, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
    /// Node's `Timeout` (what `setTimeout` returns there).
    type NodeTimeout;
    #[wasm_bindgen(method, js_name = "ref")]
    fn keep_alive(this: &NodeTimeout);
    #[wasm_bindgen(method, js_name = unref)]
    fn let_go(this: &NodeTimeout);
}

/// The longest single `setTimeout` (2^31 - 1 ms); a later deadline is armed for again.
const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// One pending sleep.
struct Entry {
    id: u64,
    /// `performance.now()` at which it is due.
    deadline: f64,
    waker: Option<Waker>,
    /// Due: the sleep completes at its next poll.
    done: bool,
}

/// The armed timer.
struct Armed {
    handle: JsValue,
    deadline: f64,
    /// Whether `handle` has `ref`/`unref` (Node's `Timeout`).
    unrefable: bool,
    /// Whether it keeps the process alive (Node's timers do when made).
    refed: bool,
}

#[derive(Default)]
struct Timers {
    entries: Vec<Entry>,
    next_id: u64,
    armed: Option<Armed>,
    /// The timer's callback, made once.
    callback: Option<Closure<dyn FnMut()>>,
}

thread_local! {
    static TIMERS: RefCell<Timers> = RefCell::new(Timers::default());
}

impl Timers {
    /// Arms the timer for `deadline` unless it fires at or before it; a pending entry keeps it
    /// referenced.
    fn arm(&mut self, deadline: f64, now: f64) {
        match &mut self.armed {
            Some(armed) if armed.deadline <= deadline => {
                if armed.unrefable && !armed.refed {
                    armed.handle.unchecked_ref::<NodeTimeout>().keep_alive();
                    armed.refed = true;
                }
                return;
            }
            Some(armed) => clear_timeout(&armed.handle),
            None => {}
        }
        let callback = self.callback.get_or_insert_with(|| Closure::new(fire));
        let ms = (deadline - now).clamp(0.0, MAX_TIMEOUT_MS).ceil();
        let handle = set_timeout(callback.as_ref(), ms);
        let unrefable = handle.is_object()
            && js_sys::Reflect::get(&handle, &JsValue::from_str("unref"))
                .is_ok_and(|f| f.is_function());
        self.armed = Some(Armed {
            handle,
            deadline: now + ms,
            unrefable,
            refed: true,
        });
    }

    /// Lets the armed timer go once no sleep is pending.
    fn settle(&mut self) {
        if !self.entries.is_empty() {
            return;
        }
        match &mut self.armed {
            Some(armed) if armed.unrefable && armed.refed => {
                armed.handle.unchecked_ref::<NodeTimeout>().let_go();
                armed.refed = false;
            }
            Some(armed) if armed.unrefable => {}
            Some(armed) => {
                clear_timeout(&armed.handle);
                self.armed = None;
            }
            None => {}
        }
    }

    fn remove(&mut self, id: u64) {
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            self.entries.swap_remove(i);
        }
        self.settle();
    }
}

/// The timer's callback: marks what is due, arms for the next deadline, then wakes the due
/// sleeps (outside the borrow: a waker may run code that sleeps again).
fn fire() {
    let wakers: Vec<Waker> = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        t.armed = None;
        let now = performance_now();
        let mut wakers = Vec::new();
        let mut next: Option<f64> = None;
        for e in t.entries.iter_mut().filter(|e| !e.done) {
            if e.deadline <= now {
                e.done = true;
                wakers.extend(e.waker.take());
            } else {
                next = Some(next.map_or(e.deadline, |n| n.min(e.deadline)));
            }
        }
        if let Some(deadline) = next {
            t.arm(deadline, now);
        }
        wakers
    });
    for w in wakers {
        w.wake();
    }
}

/// A future that completes `duration` (in whole milliseconds, as `setTimeout` counts) after its
/// first poll.
pub(crate) fn sleep(duration: Duration) -> Sleep {
    Sleep {
        ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX) as f64,
        state: State::New,
    }
}

/// See [`sleep`].
pub(crate) struct Sleep {
    ms: f64,
    state: State,
}

enum State {
    New,
    /// Its entry's id.
    Waiting(u64),
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let ms = self.ms;
        let id = match self.state {
            State::Done => return Poll::Ready(()),
            State::Waiting(id) => id,
            State::New => {
                let id = TIMERS.with(|t| {
                    let mut t = t.borrow_mut();
                    let id = t.next_id;
                    t.next_id += 1;
                    let now = performance_now();
                    let deadline = now + ms;
                    t.entries.push(Entry {
                        id,
                        deadline,
                        waker: Some(cx.waker().clone()),
                        done: false,
                    });
                    t.arm(deadline, now);
                    id
                });
                self.state = State::Waiting(id);
                return Poll::Pending;
            }
        };
        let done = TIMERS.with(|t| {
            let mut t = t.borrow_mut();
            match t.entries.iter_mut().find(|e| e.id == id) {
                Some(e) if !e.done => {
                    if !e.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                        e.waker = Some(cx.waker().clone());
                    }
                    false
                }
                _ => {
                    t.remove(id);
                    true
                }
            }
        });
        if done {
            self.state = State::Done;
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let State::Waiting(id) = self.state {
            TIMERS.with(|t| t.borrow_mut().remove(id));
        }
    }
}
