#!/bin/sh
# Calls the functions of /lib/lsb/init-functions (sourced by init scripts);
# run by tests/it/realscripts.rs under dash, bash and whelk. Only harmless
# calls: no daemon is started and no process is signalled (kill -0 only).
. /lib/lsb/init-functions
log_success_msg "all good"
log_failure_msg "went wrong"
log_warning_msg "careful"
log_daemon_msg "Starting thing" "thingd"
log_progress_msg "step1"
log_end_msg 0; echo "end0 $?"
log_daemon_msg "Stopping thing"
log_end_msg 1; echo "end1 $?"
log_action_msg "acting"
log_action_begin_msg "Begin"
log_action_cont_msg "cont"
log_action_end_msg 0 "extra"
log_action_end_msg 1
echo "pid: $(pidofproc -p nosuch.pid /bin/nosuchdaemon; echo "rc=$?")"
echo 2147483647 > my.pid
pidofproc -p my.pid /bin/nosuchdaemon; echo "rc=$?"
status_of_proc -p my.pid /bin/nosuchdaemon nosuchd; echo "status rc=$?"
