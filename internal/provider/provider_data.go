package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// ProviderData is what Configure hands to every resource and data source.
type ProviderData struct {
	API   *api.Client
	Clock clock.Clock
	// DefaultTags are the provider's default_tags, merged into every
	// application's tags (nil when none).
	DefaultTags map[string]string
	// IgnoreTags are the provider's ignore_tags (zero when none).
	IgnoreTags IgnoreTags
	// RateLimit is the provider's rate_limit (0: the transport's default).
	RateLimit float64

	accountIDMu sync.Mutex // guards accountID, so STS is asked once
	accountID   string

	inventoryOnce sync.Once
	inventory     *inventory.Inventory
	waits         *waiters.Shared
}

// Inventory is the account-wide application listing shared by every
// resource and data source of this provider instance, made on first use.
// Every write through d.API makes it forget what the write changed (the
// client reports each write action), so no resource has to; writes made
// before it exists cannot be stale in it.
func (d *ProviderData) Inventory() *inventory.Inventory {
	d.inventoryOnce.Do(func() {
		inv := inventory.New(d.API.DescribeAppStatList, d.Clock, inventory.Options{})
		api.OnWrite(d.API, func(_ context.Context, w api.Write) { inv.Forget(w.Apps, w.All) })
		d.inventory = inv
		d.waits = waiters.NewShared(inv, d.Clock, d.RateLimit)
	})
	return d.inventory
}

// Waits is what every wait of this provider instance shares: the listing,
// a budget of direct reads per poll round (its share of RateLimit), and
// how long each kind of change took to complete.
func (d *ProviderData) Waits() *waiters.Shared {
	d.Inventory()
	return d.waits
}

// AccountID returns the root account uin from STS GetCallerIdentity, asked
// at most once per provider instance: Configure asks it to check the
// credentials (unless skip_credentials_validation), later callers reuse it.
func (d *ProviderData) AccountID(ctx context.Context) (string, error) {
	d.accountIDMu.Lock()
	defer d.accountIDMu.Unlock()
	if d.accountID != "" {
		return d.accountID, nil
	}
	out, err := d.API.GetCallerIdentity(ctx, &api.GetCallerIdentityRequest{})
	if err != nil {
		return "", fmt.Errorf("reading the account ID: %w", err)
	}
	d.accountID = out.AccountId
	return d.accountID, nil
}

// ResourceName is the six-segment Tag API name of an application.
func (d *ProviderData) ResourceName(ctx context.Context, sdkAppID uint64) (string, error) {
	account, err := d.AccountID(ctx)
	if err != nil {
		return "", err
	}
	return catalog.ResourceName(account, sdkAppID), nil
}

// providerDataFrom converts the framework's ProviderData; nil (before the
// provider is configured, e.g. during validate) yields nil without error.
func providerDataFrom(data any, diags *diag.Diagnostics) *ProviderData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*ProviderData)
	if !ok {
		addFailure(diags, "configure", "the trtc provider", fmt.Errorf("expected *provider.ProviderData, got %T", data),
			"Please report this issue to the provider developers.")
		return nil
	}
	return pd
}
