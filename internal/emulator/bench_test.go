package emulator

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// BenchmarkDescribeAppStatList measures signed DescribeAppStatList calls
// (300 applications, Limit 100) through the project's client and transport.
func BenchmarkDescribeAppStatList(b *testing.B) {
	emu := New(Config{RateLimit: -1})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	client := api.New(transport.New(transport.Options{
		Endpoint: srv.URL, Credentials: transport.StaticCredentials(transport.Credential{SecretID: DefaultSecretID, SecretKey: DefaultSecretKey}),
		MaxRetries: -1, RateLimit: -1,
	}))
	ctx := context.Background()
	for i := 0; i < 300; i++ {
		tags := []api.Tag{{TagKey: "env", TagValue: fmt.Sprint(i % 3)}}
		if _, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: fmt.Sprintf("bench_%d", i), Product: "RTCEngine", Tags: tags}); err != nil {
			b.Fatal(err)
		}
	}
	req := &api.DescribeAppStatListRequest{Limit: api.Ptr[uint64](100), Offset: api.Ptr[uint64](100), NeedTags: api.Ptr[int64](1)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := client.DescribeAppStatList(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if out.TotalNum != 300 || len(out.SdkAppInfos) != 100 {
			b.Fatalf("TotalNum %d, %d infos", out.TotalNum, len(out.SdkAppInfos))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkDescribeAppStatListServer is the emulator's share alone: the same
// signed call served straight through ServeHTTP, without client or network.
func BenchmarkDescribeAppStatListServer(b *testing.B) {
	emu := New(Config{RateLimit: -1})
	for i := 0; i < 300; i++ {
		emu.mu.Lock()
		_, aerr := emu.createTrtcApp(&call{}, &api.CreateTrtcAppRequest{AppName: fmt.Sprintf("bench_%d", i), Product: "RTCEngine",
			Tags: []api.Tag{{TagKey: "env", TagValue: "x"}}})
		emu.mu.Unlock()
		if aerr != nil {
			b.Fatal(aerr)
		}
	}
	body := []byte(`{"Limit":100,"Offset":100,"NeedTags":1}`)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := signedRequest(b, "DescribeAppStatList", body)
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Body.Len() < 10000 {
			b.Fatalf("answer %d: %.200s", rec.Code, rec.Body.String())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}
