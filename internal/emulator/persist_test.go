package emulator

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func withStateFile(path string) func(*Config) { return func(c *Config) { c.StateFile = path } }

func withClock(clk clock.Clock) func(*Config) { return func(c *Config) { c.Clock = clk } }

// observe records every answer a client could see about the account, minus
// RequestIds: the listing, each application's info, subscription and tags,
// and the admin views of applications, account and clock.
func (h *harness) observe(ids []uint64) map[string]string {
	h.t.Helper()
	out := map[string]string{}
	call := func(service, action string, body any) {
		data, _ := json.Marshal(body)
		env, _ := h.raw(rawRequest{service: service, action: action, body: data})
		delete(env.Response, "RequestId")
		text, _ := json.Marshal(env.Response)
		out[fmt.Sprintf("%s %s", action, data)] = string(text)
	}
	call(api.ServiceTRTC, "DescribeAppStatList", map[string]any{"Limit": 100})
	resources := []string{}
	for _, id := range ids {
		call(api.ServiceTRTC, "DescribeSdkAppInfo", map[string]any{"SdkAppId": id})
		call(api.ServiceTRTC, "DescribeAppSubscription", map[string]any{"SdkAppId": id})
		resources = append(resources, strconv.FormatUint(id, 10))
	}
	call(api.ServiceTag, "DescribeResourceTagsByResourceIds", map[string]any{
		"ServiceType": catalog.TagServiceType, "ResourcePrefix": catalog.TagResourcePrefix, "ResourceIds": resources, "ResourceRegion": "",
	})
	for _, path := range []string{"/_emulator/apps", "/_emulator/account", "/_emulator/clock"} {
		var v any
		h.admin(http.MethodGet, path, "", &v)
		text, _ := json.Marshal(v)
		out["GET "+path] = string(text)
	}
	return out
}

func sameAnswers(t *testing.T, before, after map[string]string) {
	t.Helper()
	keys := make([]string, 0, len(before))
	for k := range before {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if after[k] != before[k] {
			t.Errorf("%s after the restart:\n got %s\nwant %s", k, after[k], before[k])
		}
	}
}

// TestStateFileRestartAnswersAsBefore builds an account through the public
// API (tags, a trial, a paid edition, a pending disable, an idempotency
// token, quotas, an advanced clock), restarts on the state file and compares
// every answer; then checks that the rules depending on that state still
// hold and that the pending change lands when it was due.
func TestStateFileRestartAnswersAsBefore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, withStateFile(path))
	if code := h.admin(http.MethodPost, "/_emulator/account", `{"app_quota": 4, "account_trial_quota": 5, "balance": 12.5}`, nil); code != http.StatusOK {
		t.Fatalf("POST account: %d", code)
	}
	trial := h.createApp("trialled")
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: trial}); err != nil {
		t.Fatal(err)
	}
	h.clk.Advance(8 * 24 * time.Hour) // the first trial ends
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: trial}); err != nil {
		t.Fatal(err)
	}
	token := "restart-token"
	first, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "kept", Product: catalog.ProductRTCEngine, ClientToken: &token,
		Tags: []api.Tag{{TagKey: "env", TagValue: "prod"}, {TagKey: "team", TagValue: "media"}}})
	if err != nil {
		t.Fatal(err)
	}
	paid := h.createApp("paid")
	pending := h.createApp("pending", api.Tag{TagKey: "env", TagValue: "dev"})
	renew := true
	if _, err := h.api.CreateAppSubscription(h.ctx, &api.CreateAppSubscriptionRequest{SdkAppId: paid, Edition: catalog.EditionPro, PeriodMonths: 3, AutoRenew: &renew}); err != nil {
		t.Fatal(err)
	}
	h.admin(http.MethodPost, "/_emulator/clock", `{"advance": "1h"}`, nil)
	if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: pending, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
	ids := []uint64{first.SdkAppId, trial, paid, pending}
	before := h.observe(ids)
	if !strings.Contains(before["GET /_emulator/apps"], `"TargetStatus":"Disabled"`) {
		t.Fatalf("the disable should still be pending: %s", before["GET /_emulator/apps"])
	}
	h.srv.Close()

	// The restarted emulator shares the clock: no time passes in between.
	h2 := newHarness(t, withStateFile(path), withClock(h.clk))
	sameAnswers(t, before, h2.observe(ids))

	// The state behind the rules came back too.
	again, err := h2.api.CreateTrtcApp(h2.ctx, &api.CreateTrtcAppRequest{AppName: "kept", Product: catalog.ProductRTCEngine, ClientToken: &token})
	if err != nil || again.SdkAppId != first.SdkAppId {
		t.Errorf("the ClientToken's CreateTrtcApp after the restart: %v, %v; want SdkAppId %d", again, err, first.SdkAppId)
	}
	_, err = h2.api.CreateTrtcApp(h2.ctx, &api.CreateTrtcAppRequest{AppName: "fifth", Product: catalog.ProductRTCEngine})
	wantCode(t, err, "LimitExceeded.AppQuota")
	h2.clk.Advance(8 * 24 * time.Hour)
	_, err = h2.api.CreateTrtcFreeLicense(h2.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: trial})
	wantRefusal(t, err, "LimitExceeded.AppTrialQuota", "2 of its 2 trials")

	// The disable was requested before the restart; it lands when due.
	if got := h2.info(pending).Status; got != api.AppStatusDisabled {
		t.Errorf("the pending disable after its due time: Status %q, want %q", got, api.AppStatusDisabled)
	}
}

// TestStateFileClockNeverRunsBack: an emulator restarted on a clock behind
// the file's saved_at (a host clock set back) goes on from saved_at.
func TestStateFileClockNeverRunsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, withStateFile(path))
	h.admin(http.MethodPost, "/_emulator/clock", `{"advance": "240h"}`, nil)
	saved := h.emu.Now()
	h.srv.Close()
	h2 := newHarness(t, withStateFile(path), withClock(clock.NewFake(testStart.Add(-time.Hour))))
	if got := h2.emu.Now(); got.Before(saved) {
		t.Errorf("emulator time after the restart %s is before the saved %s", got, saved)
	}
}

func TestStateFileMissingStartsAfreshAndIsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "state.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, withStateFile(path))
	if n := len(h.emu.Apps()); n != 0 {
		t.Fatalf("a fresh start holds %d applications", n)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the state file is not written at start: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600: it holds SDKSecretKeys", info.Mode().Perm())
	}
}

// TestStateFileUnreadableFailsNamingIt: a file that is not a whole state
// file is an error at start that names it, never an empty account.
func TestStateFileUnreadableFailsNamingIt(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	h := newHarness(t, withStateFile(good))
	h.createApp("one")
	whole, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{
		"garbage":   []byte("not json at all"),
		"truncated": whole[:len(whole)/2],
		"empty":     {},
		"format":    []byte(strings.Replace(string(whole), `"format":1`, `"format":2`, 1)),
		"repeated":  []byte(strings.Replace(string(whole), `"next_sdk_app_id":1400000002`, `"next_sdk_app_id":1400000001`, 1)),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".json")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(Config{StateFile: path})
			if err == nil || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open on a %s state file: %v; want an error naming %s", name, err, path)
			}
			if after, _ := os.ReadFile(path); string(after) != string(content) {
				t.Error("a refused state file was overwritten")
			}
		})
	}
	t.Run("directory", func(t *testing.T) {
		_, err := Open(Config{StateFile: dir})
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Fatalf("Open on a directory: %v; want an error naming %s", err, dir)
		}
	})
}

// The kill -9 test runs an emulator in a child process (this test binary,
// re-run as TestStateFileChild), writes to it from many clients, kills it
// with SIGKILL mid-writes and loads what it left.
const childStateEnv = "TRTC_EMULATOR_STATE_CHILD"

func TestStateFileChild(t *testing.T) {
	path := os.Getenv(childStateEnv)
	if path == "" {
		t.Skip("runs only as the child of TestStateFileSurvivesKill")
	}
	emu, err := Open(Config{StateFile: path, RateLimit: -1, PropagationMin: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	emu.SetAccount(Account{AppQuota: 1 << 20, AccountTrialQuota: 10})
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 5 * time.Second}
	ln, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	_ = srv.Serve(ln) // until killed
}

func TestStateFileSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process for seconds")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	child := exec.Command(os.Args[0], "-test.run=^TestStateFileChild$", "-test.count=1")
	child.Env = append(os.Environ(), childStateEnv+"="+path)
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	url := ""
	for sc := bufio.NewScanner(stdout); sc.Scan(); {
		if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			url = u
			break
		}
	}
	if url == "" {
		t.Fatal("the child emulator did not start")
	}
	client := api.New(transport.New(transport.Options{
		Endpoint: url, Region: "ap-singapore", MaxRetries: -1, RateLimit: -1,
		Credentials: transport.StaticCredentials(transport.Credential{SecretID: DefaultSecretID, SecretKey: DefaultSecretKey}),
	}))

	// Eight writers create and retag applications; an answered create must
	// be in whatever file the kill leaves.
	var (
		mu    sync.Mutex
		acked []uint64
		done  atomic.Bool
		wg    sync.WaitGroup
	)
	ctx := context.Background()
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !done.Load(); i++ {
				out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: fmt.Sprintf("w%d_%d", w, i), Product: catalog.ProductRTCEngine,
					Tags: []api.Tag{{TagKey: "writer", TagValue: strconv.Itoa(w)}}})
				if err != nil {
					return // the kill
				}
				mu.Lock()
				acked = append(acked, out.SdkAppId)
				mu.Unlock()
			}
		}()
	}
	writersDone := make(chan struct{})
	go func() { wg.Wait(); close(writersDone) }()
	for n := 0; n < 400; {
		select {
		case <-writersDone:
			t.Fatalf("every writer stopped (the child died?) after %d answered creates", n)
		case <-time.After(10 * time.Millisecond):
		}
		mu.Lock()
		n = len(acked)
		mu.Unlock()
	}
	if err := child.Process.Signal(os.Kill); err != nil { // SIGKILL: no handler, no flush
		t.Fatal(err)
	}
	_ = child.Wait()
	done.Store(true)
	wg.Wait()

	emu, err := Open(Config{StateFile: path})
	if err != nil {
		t.Fatalf("the state file a kill -9 left does not load: %v", err)
	}
	have := map[uint64]bool{}
	for _, a := range emu.Apps() {
		have[a.SdkAppId] = true
	}
	mu.Lock()
	defer mu.Unlock()
	for _, id := range acked {
		if !have[id] {
			t.Errorf("application %d was answered before the kill but is not in the state file", id)
		}
	}
	t.Logf("%d creates answered before the kill, %d applications in the file", len(acked), len(have))
}

func listenLoopback() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

// BenchmarkStateFileWrites measures signed ModifyAppInfo calls from 8
// concurrent clients on a 300-application account, with and without a
// state file: the cost of answering each write only once it is on disk,
// and how many files the group commit writes per call.
func BenchmarkStateFileWrites(b *testing.B) {
	apps := make([]FleetApp, 300)
	for i := range apps {
		apps[i] = FleetApp{Name: fmt.Sprintf("bench_%d", i), Tags: map[string]string{"env": "ci", "team": strconv.Itoa(i % 7)}}
	}
	for _, withFile := range []bool{false, true} {
		b.Run(map[bool]string{false: "memory", true: "state-file"}[withFile], func(b *testing.B) {
			cfg := Config{RateLimit: -1, Fleet: &Fleet{Apps: apps}}
			if withFile {
				cfg.StateFile = filepath.Join(b.TempDir(), "state.json")
			}
			emu, err := Open(cfg)
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(emu)
			defer srv.Close()
			client := api.New(transport.New(transport.Options{
				Endpoint: srv.URL, Credentials: transport.StaticCredentials(transport.Credential{SecretID: DefaultSecretID, SecretKey: DefaultSecretKey}),
				MaxRetries: -1, RateLimit: -1,
			}))
			var files0 int64
			if withFile {
				files0 = emu.persist.files.Load()
			}
			var n atomic.Int64
			b.SetParallelism(4) // 8 clients on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					desc := fmt.Sprintf("d%d", i)
					if _, err := client.ModifyAppInfo(context.Background(), &api.ModifyAppInfoRequest{SdkAppId: firstSdkAppID + uint64(i%300), Description: &desc}); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
			if withFile {
				b.ReportMetric(float64(emu.persist.files.Load()-files0)/float64(b.N), "files/write")
				if info, err := os.Stat(cfg.StateFile); err == nil {
					b.ReportMetric(float64(info.Size()), "file-bytes")
				}
			}
		})
	}
}

// BenchmarkStateFileLoad measures a restart's load of a 300-application
// state file (each with 10 tags).
func BenchmarkStateFileLoad(b *testing.B) {
	apps := make([]FleetApp, 300)
	for i := range apps {
		tags := map[string]string{}
		for k := 0; k < 10; k++ {
			tags[fmt.Sprintf("key_%d", k)] = fmt.Sprintf("value_%d_%d", i, k)
		}
		apps[i] = FleetApp{Name: fmt.Sprintf("bench_%d", i), Tags: tags}
	}
	path := filepath.Join(b.TempDir(), "state.json")
	if _, err := Open(Config{StateFile: path, Fleet: &Fleet{Apps: apps}}); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		emu, err := Open(Config{StateFile: path})
		if err != nil || len(emu.Apps()) != 300 {
			b.Fatalf("load: %v", err)
		}
	}
	b.ReportMetric(float64(info.Size()), "file-bytes")
}
