//! Function calls: their own positional parameters and local scope, the
//! call stack behind FUNCNAME/BASH_SOURCE/`caller`, `return`, the RETURN
//! trap, and a nesting limit so `f(){ f; }; f` ends with an error instead
//! of exhausting memory.

use std::rc::Rc;

use super::{Status, Unwind};
use crate::shell::{CallFrame, Function, Shell};

/// Deepest function nesting allowed unless FUNCNEST says otherwise.
const MAX_FUNCTION_DEPTH: usize = 5000;

impl Shell {
    pub(crate) fn call_function(&mut self, function: &Rc<Function>, argv: &[Vec<u8>]) -> Status {
        let limit = self
            .vars
            .get(b"FUNCNEST")
            .and_then(|v| {
                std::str::from_utf8(&v)
                    .ok()
                    .and_then(|s| s.parse::<usize>().ok())
            })
            .filter(|&n| n > 0)
            .unwrap_or(MAX_FUNCTION_DEPTH)
            .min(MAX_FUNCTION_DEPTH);
        if self.call_stack.len() >= limit {
            let mut m = argv[0].clone();
            m.extend_from_slice(
                format!(": maximum function nesting level exceeded ({limit})").as_bytes(),
            );
            self.report(&m);
            self.last_status = 1;
            return Err(Unwind::Abort(1));
        }
        let call_site = (Rc::clone(&self.source), self.current_offset);
        let saved_positional = std::mem::replace(&mut self.positional, argv[1..].to_vec());
        let saved_source = std::mem::replace(&mut self.source, Rc::clone(&function.source));
        let saved_offset = self.current_offset;
        let saved_loops = std::mem::replace(&mut self.loop_depth, 0);
        self.call_stack.push(CallFrame {
            name: function.name.clone(),
            source: Rc::clone(&function.source),
            call_site,
            // BASH_ARGV/BASH_ARGC need every frame's arguments (extdebug).
            saved_positional: if self.opts.shopt("extdebug").unwrap_or(false) {
                argv[1..].to_vec()
            } else {
                Vec::new()
            },
        });
        self.vars.push_function_scope();
        self.exec_in_place = false;
        let hidden_traps = self.hide_call_traps();
        let result = self.run_command(&function.body);
        let result = match result {
            Err(Unwind::Return(status)) => Ok(status),
            other => other,
        };
        let result = match result {
            Ok(status) => {
                self.last_status = status;
                self.run_return_trap().map(|_| status)
            }
            other => other,
        };
        self.restore_call_traps(hidden_traps);
        self.vars.pop_function_scope();
        self.call_stack.pop();
        // A function's status is never exempt from `set -e` by an and-or
        // list inside it (bash).
        self.status_exempt = false;
        self.loop_depth = saved_loops;
        self.current_offset = saved_offset;
        self.source = saved_source;
        self.positional = saved_positional;
        result
    }
}
