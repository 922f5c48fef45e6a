package harness

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vlbench/vlbench/internal/atomicfile"
	"github.com/vlbench/vlbench/internal/synth"
)

// Env of TestHoldForGuard: the file it writes its pids to, and the tag its servers carry.
const (
	envHold         = "VLBENCH_TEST_HOLD"
	envHoldTag      = "VLBENCH_TEST_HOLD_TAG"
	envHoldStubborn = "VLBENCH_TEST_HOLD_STUBBORN" // add a stand-in server that ignores SIGINT
)

// TestHoldForGuard is TestInterrupts' helper, run by it in a child `go test`: it starts two
// real servers (the suite's shared one and one of the test's own, split over a local RPC
// worker) and another child (a tool started through Tools.Command), writes their pids and
// its own (and the worker's) to $VLBENCH_TEST_HOLD, and waits to be ended. Without the
// variable it skips.
func TestHoldForGuard(t *testing.T) {
	file := os.Getenv(envHold)
	if file == "" {
		t.Skip("TestInterrupts' helper: runs only in its child go test")
	}
	tools := suite.Tools(t)
	cfg := synthConfig(t, synth.Qwen25VL)
	cfg.MMProj, cfg.Parallel = "", 1
	cfg.ExtraArgs = []string{"--alias", os.Getenv(envHoldTag)} // to find them in /proc
	shared := suite.Server(t, cfg)
	split := cfg
	split.RPC = []string{RPCLocal}
	own := StartT(t, tools, split)
	if os.Getenv(envHoldStubborn) != "" {
		// A stand-in that ignores SIGINT, so that stopping it waits out the guard's grace.
		StartT(t, standInTools(t, "load=0s,interrupts=ignored"), cfg)
	}

	dir := t.TempDir()
	sleeper := filepath.Join(dir, "vlbench-sleep")
	if err := os.WriteFile(sleeper, []byte("#!/bin/sh\nexec sleep 300\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd, err := (&Tools{Server: filepath.Join(dir, "llama-server")}).Command(t.Context(), "vlbench-sleep")
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := fmt.Sprintf("%d %d %d %d %d\n", os.Getpid(), shared.PID, own.PID, cmd.Process.Pid, own.RPC[0].PID)
	if err := atomicfile.WriteBytes(file, []byte(line)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Minute)
	t.Error("not ended within 2 minutes")
}

// Whichever process of a `go test` run is signalled or dies, every llama-server and other
// child is gone within seconds and the test binary exits: each case runs TestHoldForGuard
// (two real servers, one more child) in a real `go test`, signals one process, and counts
// what is left.
func TestInterrupts(t *testing.T) {
	suite.Tools(t) // skip, or in CI fail, without llama-server
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	kill := func(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }
	tests := []struct {
		name string
		send func(goPID, testPID int) error
		// goIgnores: go test ignores this signal while its test binary runs; the case
		// checks that the run goes on, then sends SIGTERM to go.
		goIgnores bool
		// stubborn adds a third server that ignores SIGINT, and the case sends the
		// signal a second time 300 ms after the first: it must not wait out the grace.
		stubborn bool
	}{
		{name: "SIGTERM to go test", send: func(g, _ int) error { return kill(g, syscall.SIGTERM) }},
		{name: "SIGINT to go test", send: func(g, _ int) error { return kill(g, syscall.SIGINT) }, goIgnores: true},
		{name: "SIGINT to the test binary", send: func(_, b int) error { return kill(b, syscall.SIGINT) }},
		{name: "SIGTERM to the test binary", send: func(_, b int) error { return kill(b, syscall.SIGTERM) }},
		{name: "SIGINT to the process group", send: func(g, _ int) error { return kill(-g, syscall.SIGINT) }},
		{name: "SIGKILL of the test binary", send: func(_, b int) error { return kill(b, syscall.SIGKILL) }},
		{name: "second SIGINT to the test binary", send: func(_, b int) error { return kill(b, syscall.SIGINT) }, stubborn: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			hold, tag := filepath.Join(dir, "pids"), fmt.Sprintf("vlbench-hold-%d-%d", os.Getpid(), time.Now().UnixNano())
			args := []string{"test", "-count=1", "-run", "^TestHoldForGuard$", "-timeout", "5m", "."}
			if suite.Flags.LlamaServer != "" {
				args = append(args, "-args", "-llama-server", suite.Flags.LlamaServer)
			}
			cmd := exec.Command(gobin, args...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			cmd.Env = append(os.Environ(), envHold+"="+hold, envHoldTag+"="+tag)
			servers := 2
			if tt.stubborn {
				cmd.Env, servers = append(cmd.Env, envHoldStubborn+"=1"), 3
			}
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its group is go's and the test binary's
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { cmd.Wait(); close(exited) }()
			defer func() { // whatever happens, nothing of this case outlives it
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				for _, p := range ProcessesWith(tag) {
					syscall.Kill(p, syscall.SIGKILL)
				}
				<-exited
			}()

			var pids []int
			deadline := time.Now().Add(3 * time.Minute) // the first case builds the test binary
			for len(pids) == 0 {
				select {
				case <-exited:
					t.Fatalf("go test ended before the servers were up:\n%s", out.String())
				case <-time.After(50 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					t.Fatalf("no servers after 3 minutes:\n%s", out.String())
				}
				if b, err := os.ReadFile(hold); err == nil {
					for _, f := range strings.Fields(string(b)) {
						n, _ := strconv.Atoi(f)
						pids = append(pids, n)
					}
				}
			}
			testPID, child, worker := pids[0], pids[3], pids[4]
			if n := len(ProcessesWith(tag)); n != servers {
				t.Fatalf("%d tagged llama-servers before the signal, want %d", n, servers)
			}
			if !Alive(worker) {
				t.Fatalf("rpc worker pid %d not alive before the signal", worker)
			}
			if tt.goIgnores {
				if err := tt.send(cmd.Process.Pid, testPID); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Second)
				if !Alive(testPID) || len(ProcessesWith(tag)) != 2 {
					t.Fatalf("after the ignored signal: test binary alive %v, %d servers; want it running on",
						Alive(testPID), len(ProcessesWith(tag)))
				}
				t.Logf("go test ignored it: the run went on (test binary and 2 servers alive after 1s); then SIGTERM to go")
				tt.send = func(g, _ int) error { return kill(g, syscall.SIGTERM) }
			}

			start := time.Now()
			if err := tt.send(cmd.Process.Pid, testPID); err != nil {
				t.Fatal(err)
			}
			if tt.stubborn {
				time.Sleep(300 * time.Millisecond)
				if !Alive(testPID) {
					t.Fatal("the test binary was gone before the second signal: the stand-in did not hold it")
				}
				if err := tt.send(cmd.Process.Pid, testPID); err != nil {
					t.Fatal(err)
				}
			}
			for time.Since(start) < 20*time.Second && (Alive(testPID) || Alive(child) || Alive(worker) || len(ProcessesWith(tag)) > 0) {
				time.Sleep(20 * time.Millisecond)
			}
			took := time.Since(start)
			left := len(ProcessesWith(tag))
			t.Logf("left: test binary %v, %d llama-server(s), other child %v, rpc worker %v; cleaned up in %v",
				Alive(testPID), left, Alive(child), Alive(worker), took.Round(time.Millisecond))
			if left != 0 || Alive(testPID) || Alive(child) || Alive(worker) {
				t.Errorf("left behind after 20s: %d llama-server(s), test binary alive %v, child alive %v, rpc worker alive %v\n%s",
					left, Alive(testPID), Alive(child), Alive(worker), out.String())
			}
			if took > 10*time.Second {
				t.Errorf("cleanup took %v, want under 10s", took)
			}
			if tt.stubborn && took > guardGrace-500*time.Millisecond {
				t.Errorf("with a second signal the cleanup took %v, want well under the %v grace", took, guardGrace)
			}
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				t.Errorf("go test still running 10s after its test binary ended")
			}
			if tt.name == "SIGINT to the test binary" && !strings.Contains(out.String(), "stopped 2 llama-server(s)") {
				t.Errorf("the test binary did not say what it stopped:\n%s", out.String())
			}
		})
	}
}
