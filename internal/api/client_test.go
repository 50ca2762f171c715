package api

import (
	"testing"
	"time"
)

func TestParseTimeIsUTCPlus8(t *testing.T) {
	got, err := ParseTime("2026-11-26 09:30:00")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("ParseTime = %s, want %s", got.UTC(), want)
	}
	if _, err := ParseTime("2026-11-26T09:30:00Z"); err == nil {
		t.Error("ParseTime accepted RFC 3339; wire times are TimeLayout")
	}
}
