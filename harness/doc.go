// Package harness is the one place in vlbench that starts, watches, measures, stops and
// talks to llama-server. Every suite (vlrubric, perf, the standard sets) asks it for a
// server or a client; nothing else execs llama.cpp or opens a connection to it.
//
// The workflow:
//
//  1. Find llama.cpp (LocateTools): the -llama-server flag, $LLAMA_SERVER, the Debian
//     packages that `make llama` unpacks into build/llama (run through sid's own loader,
//     library path and CPU backend: see Tools.Command), or llama-server on PATH. Absent,
//     a test skips with the fix; in CI (CI=true) it fails.
//  2. Read what the build accepts from its --help (Tools.Caps): speculative-decoding flags
//     moved between builds, so Config.Args picks the spelling the build takes, or says
//     what it lacks.
//  3. Describe a server with Config: model, mmproj, draft and speculative settings,
//     --override-kv entries, threads, context, slots, extra arguments. Validate checks
//     every file before anything starts and names the one that is wrong.
//  4. Start: a free loopback port (a bind race is retried), the child in its own process
//     group on Unix and killed if we die (Linux's Pdeathsig; on Windows a kill-on-close
//     job object: proc_*.go), stderr kept in a buffer that remembers the
//     last error line, readiness by polling /health against a deadline (never a sleep):
//     ReadyTimeout, stretched while the server's log keeps growing (a cold load prints a
//     dot per percent) up to ReadyLimit. Server.LoadTime is process start to ready: the
//     cold load. The harness says what it does through Config.Logger (log/slog, at Info):
//     the command line, readiness and load time, a stretched wait, the stop and how. With
//     Config.RPC (-rpc) the model is split over llama.cpp RPC workers (rpc.go): given ones
//     are dialled first, local ones (RPCLocal, -rpc local:N) are started on loopback and
//     owned like the server.
//  5. Measure: Server.Memory samples the child's RSS every 100 ms and keeps the kernel's
//     high-water mark (VmHWM), so the peak is not missed between samples.
//  6. Talk: Client.Chat (text plus PNG/JPEG images as data URLs, streamed or not) returns
//     the text, llama.cpp's own Timings (read from the raw body, since go-openai's types
//     drop them), and the client's clock: time to first token, inter-token gaps,
//     end-to-end. Client.Complete is llama.cpp's raw /completion for benchmarks
//     (ignore_eos, cache_prompt false). Against any other OpenAI-compatible endpoint the
//     llama.cpp extras are simply nil. Every request is bounded: Client.Timeout (30 min)
//     from sending to the end of the answer, Client.MaxBody (64 MiB) per body, a short
//     Retry-After on a 429/503 waited out at most three times; a request that finds its
//     reused connection closed before any response byte (llama-server closes it after
//     every streamed answer) is retried on a fresh one, any other failure returned at
//     once. Errors name the method and path; the API key (a Secret) never shows.
//  7. Stop: interrupt the group, a second interrupt after half a second (llama-server
//     waits on a request in flight after the first), a kill after StopTimeout; always
//     reaped; StopResult says which it took. However the test binary ends, nothing is
//     left: Suite.Run's guard (guard.go) stops every server and child and exits on
//     SIGINT, SIGTERM or SIGHUP and when its parent `go test` dies; on SIGKILL the kernel
//     kills them (Linux's parent-death signal, proc_linux.go; Windows' job object,
//     proc_windows.go; macOS has neither and leaves them).
//
// Test packages share servers through a Suite in their TestMain (NewSuite registers the
// shared flags: -llama-server, -model, -mmproj, -draft, -endpoint, -endpoint-model, -ctx,
// -parallel, -server-threads, -server-args, -server-log, -ready-timeout, -rpc; their
// defaults are DefaultConfig's, as are a Config's zero fields). Suite.Run stops every
// server after the tests and fails the run if any child process is left. A test that fails
// prints the log lines its shared servers wrote while it ran; the harness's own log shows
// under -v or -server-log.
//
// Which figure is whose: tokens per second and prompt/generation times are the server's
// own (Timings); time to first token, gaps and end-to-end are the client's. Their
// difference (ChatResponse.Overhead) is transport and JSON.
package harness
