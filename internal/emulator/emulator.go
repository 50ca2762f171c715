// Package emulator serves the TRTC control plane described in
// internal/api/README.md: the trtc, tag and sts services on one
// HTTP handler, signed with TC3-HMAC-SHA256, plus the unsigned emulator-only
// admin surface under /_emulator/. Every test of the project talks to it
// instead of the real cloud.
package emulator

import (
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"sync"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// Default credentials and account of an emulator started without any.
const (
	DefaultSecretID  = "AKIDtrtcEmulatorDefaultSecretId00"
	DefaultSecretKey = "trtcEmulatorDefaultSecretKey0000"
	DefaultUIN       = "100000000001"
)

// NotFoundCodeModel is the other not-found code Config.NotFoundCode may
// select: a ResourceNotFound code, as the unpublished console actions might
// send instead of TRTC's FailedOperation.SdkAppIdNotExist [model].
const NotFoundCodeModel = "ResourceNotFound.SdkAppId"

// NotFoundCodes are the codes Config.NotFoundCode may select.
var NotFoundCodes = []string{api.CodeAppNotExist, NotFoundCodeModel}

// DefaultRateLimit is the per-action limit when Config.RateLimit is 0 [public].
const DefaultRateLimit = 20

// Config sets up an Emulator; every field has a usable zero value.
type Config struct {
	SecretID, SecretKey, UIN string // defaults DefaultSecretID, DefaultSecretKey, DefaultUIN

	// PropagationMin/Max bound the random delay before enable, disable and
	// delete take effect; both zero means the real 3-5 minutes.
	PropagationMin, PropagationMax time.Duration

	// NotFoundCode answers an unknown or deleted SdkAppId: "" is
	// api.CodeAppNotExist (FailedOperation.SdkAppIdNotExist, what every
	// published TRTC action sends). The console actions' own code is
	// unpublished, so tests also run with NotFoundCodeModel to prove that the
	// provider treats both alike.
	NotFoundCode string
	// OtherAccountApps are SdkAppIds owned by another account: every action
	// naming one answers api.CodeAppOtherAccount (UnauthorizedOperation.SdkAppId).
	OtherAccountApps []uint64

	Seed  int64       // seeds propagation delays, faults and generated keys
	Clock clock.Clock // nil = the wall clock
	// SignatureClock is what request timestamps are checked against (the
	// 300 s window); nil = Clock. Tests that freeze Clock while the provider
	// signs with the wall clock set it to clock.Real{}, or a test paused by
	// t.Parallel for minutes would see its signatures expire.
	SignatureClock clock.Clock
	RateLimit      float64   // requests per second per action; 0 = 20, < 0 = off
	Log            io.Writer // one line per request; nil = silent

	// AdminToken, when set, is required on every /_emulator/ request as
	// "Authorization: Bearer <token>": the admin surface is unsigned, and
	// an emulator reachable beyond loopback must not let anyone reset it.
	AdminToken string

	// StateFile, for Open, keeps the account in this file across restarts
	// (persist.go); New refuses it, since loading can fail.
	StateFile string
	// Fleet, for Open, preloads a fresh account (fleet.go); an existing
	// StateFile wins over it.
	Fleet *Fleet
}

// Emulator is the http.Handler of the emulated control plane.
type Emulator struct {
	cfg   Config
	clock clock.Clock

	mu      sync.Mutex // guards everything below
	rng     *rand.Rand
	offset  time.Duration // added to clock by Advance and /_emulator/clock
	st      *state
	stats   Stats
	faults  Faults
	account Account
	limiter *limiter
	tmpKeys map[string]*tmpCredential // STS AssumeRole credentials by TmpSecretId

	persist    *persister // nil without a state file
	generation uint64     // counts changes to persist

	admin http.Handler
}

// New builds an Emulator from cfg, which must name no StateFile or Fleet
// (use Open).
func New(cfg Config) *Emulator {
	if cfg.StateFile != "" || cfg.Fleet != nil {
		panic("emulator.New: a StateFile or Fleet needs emulator.Open")
	}
	return newEmulator(cfg)
}

// Open builds an Emulator from cfg and loads its state: the StateFile when
// it exists, else the Fleet, else an empty account. With a StateFile, the
// loaded state is written back at once, so the file exists from the start.
func Open(cfg Config) (*Emulator, error) {
	e := newEmulator(cfg)
	loaded := false
	if cfg.StateFile != "" {
		var err error
		if loaded, err = e.loadStateFile(cfg.StateFile); err != nil {
			return nil, err
		}
	}
	if !loaded && cfg.Fleet != nil {
		if err := cfg.Fleet.Validate(); err != nil {
			return nil, fmt.Errorf("fleet: %w", err)
		}
		e.mu.Lock()
		e.loadFleetLocked(cfg.Fleet)
		e.mu.Unlock()
	}
	if cfg.StateFile != "" {
		removeStaleTemps(cfg.StateFile)
		e.persist = &persister{path: cfg.StateFile}
		e.persist.cond = sync.NewCond(&e.persist.mu)
		e.mu.Lock()
		gen := e.changed()
		e.mu.Unlock()
		if err := e.commit(gen); err != nil {
			return nil, err
		}
	}
	return e, nil
}

func newEmulator(cfg Config) *Emulator {
	if cfg.SecretID == "" {
		cfg.SecretID = DefaultSecretID
	}
	if cfg.SecretKey == "" {
		cfg.SecretKey = DefaultSecretKey
	}
	if cfg.UIN == "" {
		cfg.UIN = DefaultUIN
	}
	if cfg.PropagationMin == 0 && cfg.PropagationMax == 0 {
		cfg.PropagationMin, cfg.PropagationMax = catalog.PropagationMin, catalog.PropagationMax
	}
	if cfg.PropagationMax < cfg.PropagationMin {
		cfg.PropagationMax = cfg.PropagationMin
	}
	if cfg.NotFoundCode == "" {
		cfg.NotFoundCode = api.CodeAppNotExist
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	e := &Emulator{cfg: cfg, clock: cfg.Clock}
	if e.clock == nil {
		e.clock = clock.Real{}
	}
	if e.cfg.SignatureClock == nil {
		e.cfg.SignatureClock = e.clock
	}
	e.rng = rand.New(rand.NewSource(cfg.Seed))
	e.tmpKeys = map[string]*tmpCredential{}
	e.limiter = newLimiter(cfg.RateLimit)
	e.resetLocked()
	e.admin = e.adminHandler()
	return e
}

// resetLocked drops applications, tags, subscriptions, counters, faults and
// account settings; the clock offset and issued STS credentials survive.
func (e *Emulator) resetLocked() {
	e.st = newState()
	e.stats = Stats{Calls: map[string]int{}, Errors: map[string]int{}}
	e.faults = Faults{}
	e.account = DefaultAccount()
	e.limiter.reset()
}

// now is the emulator time: the configured clock plus the advanced offset.
// Callers hold e.mu.
func (e *Emulator) now() time.Time { return e.clock.Now().Add(e.offset) }

// Now returns the emulator time (the configured clock plus every Advance).
func (e *Emulator) Now() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now()
}

// Reset is POST /_emulator/reset.
func (e *Emulator) Reset() {
	e.mu.Lock()
	e.resetLocked()
	gen := e.changed()
	e.mu.Unlock()
	e.commitLogged(gen)
}

// Advance moves the emulator clock forward by d (POST /_emulator/clock).
func (e *Emulator) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	e.mu.Lock()
	e.offset += d
	gen := e.changed()
	e.mu.Unlock()
	e.commitLogged(gen)
}

// Stats counts calls per "service.Action" and error answers per code.
type Stats struct {
	Calls  map[string]int `json:"calls"`
	Errors map[string]int `json:"errors"`
}

// Stats returns a copy of the counters (GET /_emulator/stats).
func (e *Emulator) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := Stats{Calls: make(map[string]int, len(e.stats.Calls)), Errors: make(map[string]int, len(e.stats.Errors))}
	for k, v := range e.stats.Calls {
		out.Calls[k] = v
	}
	for k, v := range e.stats.Errors {
		out.Errors[k] = v
	}
	return out
}

// Account holds the account settings of POST /_emulator/account.
type Account struct {
	Balance           *float64 `json:"balance"` // nil = unlimited; <= 0 makes purchases fail
	AppQuota          int      `json:"app_quota"`
	AccountTrialQuota int      `json:"account_trial_quota"`
}

// DefaultAccount is an account with unlimited balance and the product quotas.
func DefaultAccount() Account {
	return Account{AppQuota: catalog.MaxApps, AccountTrialQuota: catalog.MaxTrialsPerAccount}
}

// Account returns the current account settings.
func (e *Emulator) Account() Account {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.account
}

// SetAccount replaces the account settings (every field is taken as given).
func (e *Emulator) SetAccount(a Account) {
	e.mu.Lock()
	e.account = a
	gen := e.changed()
	e.mu.Unlock()
	e.commitLogged(gen)
}

// SetFaults replaces the injected faults; the zero Faults clears them.
func (e *Emulator) SetFaults(f Faults) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = f.normalized()
}

// AppView is one application as GET /_emulator/apps shows it.
type AppView struct {
	SdkAppId     uint64            `json:"SdkAppId"`
	AppName      string            `json:"AppName"`
	Status       string            `json:"Status"`
	TargetStatus string            `json:"TargetStatus"`
	Tags         map[string]string `json:"Tags"`
	Edition      string            `json:"Edition"`
	ClientToken  string            `json:"ClientToken"`
}

// Apps lists every application, including those whose deletion is still
// propagating, oldest first.
func (e *Emulator) Apps() []AppView {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settle()
	out := make([]AppView, 0, len(e.st.order))
	for _, a := range e.st.list() {
		tags := make(map[string]string, len(a.tags))
		for k, v := range a.tags {
			tags[k] = v
		}
		out = append(out, AppView{SdkAppId: a.id, AppName: a.name, Status: a.status, TargetStatus: a.target,
			Tags: tags, Edition: a.sub.edition, ClientToken: a.clientToken})
	}
	return out
}

// DisableApp models the platform disabling an application (overdue
// balance, or no pay-as-you-go and no package): it is Disabled at once with
// reason "Overdue" or "NoPackage". Not on the admin surface, which the
// reference fixes; tests call it directly.
func (e *Emulator) DisableApp(sdkAppID uint64, reason string) error {
	if reason != "Overdue" && reason != "NoPackage" {
		return fmt.Errorf("platform disable reason %q must be Overdue or NoPackage", reason)
	}
	e.mu.Lock()
	e.settle()
	a, ok := e.st.apps[sdkAppID]
	if !ok || a.target == api.AppStatusDeleted {
		e.mu.Unlock()
		return fmt.Errorf("application %d does not exist or is being deleted", sdkAppID)
	}
	e.beforeWrite(a.id, a)
	a.status, a.target, a.disabledReason = api.AppStatusDisabled, api.AppStatusDisabled, reason
	a.changeRequested, a.due = time.Time{}, time.Time{}
	gen := e.changed()
	e.mu.Unlock()
	return e.commit(gen)
}
