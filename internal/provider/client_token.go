package provider

import "github.com/google/uuid"

// newClientToken makes the idempotency token of one create or purchase (a
// random UUID). It is drawn once per write, before the call: the transport
// marshals the request once and resends those same bytes on every retry
// (only the signature and timestamp change), so a write whose answer was lost
// and that is retried carries the same token and takes effect once
// (TestAccApplication_transientFaults, TestAccSubscription_lostAnswer*).
func newClientToken() string { return uuid.NewString() }
