package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// A fleet file (--fleet) preloads a fresh account with applications as if
// made in the console: names, tags, editions and statuses. Every entry is
// checked with the rules the API enforces, so a fleet can only hold what
// the real service could.

// Fleet is the JSON of a fleet file.
type Fleet struct {
	// Account, when given, replaces the default account settings.
	Account *Account   `json:"account,omitempty"`
	Apps    []FleetApp `json:"apps"`
}

// FleetApp is one preloaded application; only Name is required. SdkAppIds
// are handed out in order from 1400000001, as CreateTrtcApp does.
type FleetApp struct {
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Product     string            `json:"product,omitempty"` // default RTCEngine
	DataRegion  string            `json:"data_region,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	// Status is Enabled (the default) or Disabled; DisabledReason is
	// Manual (the default when disabled), Overdue or NoPackage.
	Status         string `json:"status,omitempty"`
	DisabledReason string `json:"disabled_reason,omitempty"`
	// Edition is Basic (the default), Trial (a running trial, counted
	// against the quotas), or a paid edition of the product bought now for
	// Months (default 1) with AutoRenew.
	Edition   string `json:"edition,omitempty"`
	Months    int64  `json:"months,omitempty"`
	AutoRenew bool   `json:"auto_renew,omitempty"`
}

// ReadFleet reads and checks a fleet file; errors name the file and entry.
func ReadFleet(path string) (*Fleet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fleet file %s: %w", path, err)
	}
	var f Fleet
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("fleet file %s: %w", path, err)
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("fleet file %s: %w", path, err)
	}
	return &f, nil
}

// Validate checks every entry with the API's rules: an error names the
// entry and carries the code the API would answer.
func (f *Fleet) Validate() error {
	account := DefaultAccount()
	if f.Account != nil {
		account = *f.Account
		if account.AppQuota < 0 || account.AccountTrialQuota < 0 {
			return fmt.Errorf("account: quotas must not be negative")
		}
	}
	if len(f.Apps) > account.AppQuota {
		return fmt.Errorf("%d apps: %s", len(f.Apps), errf("LimitExceeded.AppQuota", "the account's quota is %d applications", account.AppQuota))
	}
	trials := 0
	for i, a := range f.Apps {
		if aerr := a.check(); aerr != nil {
			return fmt.Errorf("apps[%d] (%q): %w", i, a.Name, aerr)
		}
		if a.Edition == catalog.EditionTrial {
			if trials++; trials > account.AccountTrialQuota {
				return fmt.Errorf("apps[%d] (%q): %w", i, a.Name, errf("LimitExceeded.AccountTrialQuota", "the account's trial quota is %d", account.AccountTrialQuota))
			}
		}
	}
	return nil
}

func (a FleetApp) product() string {
	if a.Product == "" {
		return catalog.ProductRTCEngine
	}
	return a.Product
}

// check runs CreateTrtcApp's checks, then those of the status and edition.
func (a FleetApp) check() *apiError {
	if aerr := checkAppName(a.Name); aerr != nil {
		return aerr
	}
	if aerr := checkDescription(a.Description); aerr != nil {
		return aerr
	}
	product := a.product()
	if !contains(catalog.Products, product) {
		return errf("InvalidParameterValue.Product", "Product %q must be one of %v", product, catalog.Products)
	}
	if a.DataRegion != "" && !contains(catalog.RegionsFor(product), a.DataRegion) {
		return errf("InvalidParameterValue.DataRegion", "DataRegion %q is not offered for %s (one of %v)", a.DataRegion, product, catalog.RegionsFor(product))
	}
	if _, aerr := checkTags(a.tagList()); aerr != nil {
		return aerr
	}
	switch a.Status {
	case "", api.AppStatusEnabled:
		if a.DisabledReason != "" {
			return errf("InvalidParameterValue.Status", "disabled_reason %q needs status Disabled", a.DisabledReason)
		}
	case api.AppStatusDisabled:
		if !contains([]string{"", "Manual", "Overdue", "NoPackage"}, a.DisabledReason) {
			return errf("InvalidParameterValue.Status", "disabled_reason %q must be Manual, Overdue or NoPackage", a.DisabledReason)
		}
	default:
		return errf("InvalidParameterValue.Status", "Status %q must be Enabled or Disabled", a.Status)
	}
	switch {
	case a.Edition == "" || a.Edition == catalog.EditionBasic || a.Edition == catalog.EditionTrial:
		if a.Months != 0 || a.AutoRenew {
			return errf("FailedOperation.NoPaidEdition", "months and auto_renew apply to paid editions only, not %s", a.editionOrBasic())
		}
	case catalog.IsPaidEdition(product, a.Edition):
		if a.Months != 0 && !contains64(catalog.Periods, a.Months) {
			return errf("InvalidParameterValue.Period", "PeriodMonths %d must be one of %v", a.Months, catalog.Periods)
		}
	default:
		return errf("InvalidParameterValue.Edition", "Edition %q is not Basic, Trial or a paid edition of %s (one of %v)", a.Edition, product, catalog.PaidEditions[product])
	}
	return nil
}

func (a FleetApp) editionOrBasic() string {
	if a.Edition == "" {
		return catalog.EditionBasic
	}
	return a.Edition
}

// tagList is the tags in key order, as a request would carry them.
func (a FleetApp) tagList() []api.Tag {
	keys := make([]string, 0, len(a.Tags))
	for k := range a.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]api.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, api.Tag{TagKey: k, TagValue: a.Tags[k]})
	}
	return out
}

func contains64(list []int64, v int64) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// LoadFleet replaces the account with f (POST /_emulator/fleet): as a
// reset (the clock offset stays), then f's applications.
func (e *Emulator) LoadFleet(f *Fleet) error {
	if err := f.Validate(); err != nil {
		return fmt.Errorf("fleet: %w", err)
	}
	e.mu.Lock()
	e.resetLocked()
	e.loadFleetLocked(f)
	gen := e.changed()
	e.mu.Unlock()
	return e.commit(gen)
}

// loadFleetLocked makes a checked fleet's applications in an empty account,
// made now and already in their status (no propagation pending); callers
// hold e.mu.
func (e *Emulator) loadFleetLocked(f *Fleet) {
	if f.Account != nil {
		e.account = *f.Account
	}
	now := e.now()
	for _, fa := range f.Apps {
		tags, _ := checkTags(fa.tagList())
		region := fa.DataRegion
		if region == "" {
			region = catalog.DefaultDataRegion
		}
		a := e.addApp(fa.Name, fa.Description, fa.product(), region, tags)
		if fa.Status == api.AppStatusDisabled {
			a.status, a.target, a.disabledReason = api.AppStatusDisabled, api.AppStatusDisabled, fa.DisabledReason
			if a.disabledReason == "" {
				a.disabledReason = "Manual"
			}
		}
		switch {
		case fa.Edition == catalog.EditionTrial:
			a.sub = subscription{edition: catalog.EditionTrial, status: api.SubscriptionActive, start: now, expire: now.Add(catalog.TrialLength(a.product))}
			a.trialsUsed++
			e.st.accountTrials++
		case catalog.IsPaidEdition(a.product, fa.Edition):
			months := fa.Months
			if months == 0 {
				months = 1
			}
			a.sub = subscription{edition: fa.Edition, status: api.SubscriptionActive, start: now, expire: now.AddDate(0, int(months), 0), autoRenew: fa.AutoRenew}
		}
	}
}
