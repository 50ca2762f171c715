package acctest

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// BenchmarkSweep50 sweeps the 50 leftovers of a failed run at a 1 s
// propagation, through the emulator's and the client's default rate limits
// (20 calls a second per action), and reports the calls per action of one
// sweep besides its time, and that time as a multiple of the floor: the
// last of the n disables leaves at n/20 s (the rate limit), then takes two
// propagation delays (disable, then delete) to be gone:
//
//	go test ./internal/acctest/ -run '^$' -bench Sweep50 -benchtime 1x
func BenchmarkSweep50(b *testing.B) {
	const n, propagation = 50, time.Second
	emu, client := emutest.Start(b, emulator.Config{PropagationMin: propagation, PropagationMax: propagation}, transport.Options{})
	ctx := b.Context()
	before := map[string]int{}
	var swept time.Duration // of the last sweep
	for b.Loop() {
		b.StopTimer()
		for range n {
			if _, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: RandomName(), Product: "Call"}); err != nil {
				b.Fatal(err)
			}
		}
		before = emu.Stats().Calls
		b.StartTimer()
		start := time.Now()
		deleted, err := Sweep(ctx, client, clock.Real{}, io.Discard)
		swept = time.Since(start)
		if err != nil || len(deleted) != n {
			b.Fatalf("swept %d of %d: %v", len(deleted), n, err)
		}
	}
	after := emu.Stats().Calls
	for _, action := range []string{"DescribeAppStatList", "DescribeSdkAppInfo", "ModifyAppStatus", "DeleteTrtcApp"} {
		key := "trtc." + action
		b.ReportMetric(float64(after[key]-before[key]), fmt.Sprintf("%s/sweep", action))
	}
	floor := float64(n)/transport.DefaultRateLimit + (2 * propagation).Seconds()
	b.ReportMetric(swept.Seconds()/floor, "x-floor")
}
