package transport

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// emulatorClient starts the project's emulator on c and a client of it.
func emulatorClient(t *testing.T, c clock.Clock, mutate func(*Options)) (*Client, *emulator.Emulator) {
	emu := emulator.New(emulator.Config{Clock: c})
	server := httptest.NewServer(emu)
	t.Cleanup(server.Close)
	opts := Options{
		Credentials: StaticCredentials(Credential{SecretID: emulator.DefaultSecretID, SecretKey: emulator.DefaultSecretKey}),
		Endpoint:    server.URL, Clock: c, MaxRetries: -1,
	}
	mutate(&opts)
	return New(opts), emu
}

func whoAmI(c *Client) error {
	return c.Call(context.Background(), api.ServiceSTS, api.VersionSTS, "GetCallerIdentity", nil, &api.GetCallerIdentityResponse{})
}

// TestLimiterKeepsUnderEmulatorRateLimit shares one fake clock between the
// client and the emulator (20/s per action): with the client limiter no
// call is throttled; without it, and without retries, calls are.
func TestLimiterKeepsUnderEmulatorRateLimit(t *testing.T) {
	start := time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name      string
		rateLimit float64
		throttled bool
	}{
		{"limiter on", 0, false},
		{"limiter off", -1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := clock.NewFake(start)
			c, emu := emulatorClient(t, fake, func(o *Options) { o.RateLimit = tt.rateLimit })
			failed := 0
			for i := 0; i < 100; i++ {
				if err := whoAmI(c); err != nil {
					if !api.HasCode(err, api.CodeRequestLimit) {
						t.Fatalf("call %d: %v", i, err)
					}
					failed++
				}
			}
			stats := emu.Stats()
			if got := stats.Calls["sts.GetCallerIdentity"]; got != 100 {
				t.Errorf("emulator counted %d calls, want 100", got)
			}
			if (failed > 0) != tt.throttled || (stats.Errors[api.CodeRequestLimit] > 0) != tt.throttled {
				t.Errorf("%d calls throttled (emulator: %d), want throttling %v", failed, stats.Errors[api.CodeRequestLimit], tt.throttled)
			}
			t.Logf("100 sequential calls: %d throttled, %s of simulated time", failed, fake.Now().Sub(start))
		})
	}
}

// TestParallelCallsAgainstEmulator runs 60 parallel calls of one action on
// the wall clock, as Terraform's parallelism would: all succeed, and none
// is throttled (the limiter counts a slot's period from the answer, so the
// emulator's bucket of 20/s never runs dry; retries would hide it).
func TestParallelCallsAgainstEmulator(t *testing.T) {
	c, emu := emulatorClient(t, clock.Real{}, func(o *Options) {
		o.MaxRetries, o.RetryWaitMin, o.RetryWaitMax = 10, 50*time.Millisecond, time.Second
	})
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i := 0; i < 60; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- whoAmI(c)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	stats := emu.Stats()
	if n := stats.Errors[api.CodeRequestLimit]; n != 0 {
		t.Errorf("%d of %d requests were throttled, want 0", n, stats.Calls["sts.GetCallerIdentity"])
	}
}
