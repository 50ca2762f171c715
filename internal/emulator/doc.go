package emulator

// Choices internal/api/README.md leaves open, made here (the reference
// says everything else):
//
//   - Auth: the 300 s signature window is measured against Config.Clock
//     without the Advance offset (clients sign with their own clock). A
//     missing or unparsable X-TC-Timestamp is AuthFailure.SignatureFailure.
//     Permanent keys ignore X-TC-Token; AssumeRole credentials need it and
//     expire on the emulator clock (AuthFailure.TokenFailure).
//   - Bodies: over 10 MB is RequestSizeLimitExceeded after the auth checks;
//     over 32 MB it is refused before them. An empty body is {}. Invalid
//     UTF-8 anywhere in the body is InvalidParameter; field names are
//     case-sensitive (a wrong case is UnknownParameter); a null required
//     field is MissingParameter. Non-POST requests: UnsupportedProtocol.
//   - Counters: Stats.Calls counts requests that reached an action
//     (including throttled, faulted and dropped ones); Stats.Errors counts
//     every error answer by code, auth failures included.
//   - Reset drops applications, tags, subscriptions, ClientTokens, counters,
//     faults, rate-limit buckets and account settings, and restarts
//     SdkAppIds at 1400000001; the clock offset and STS credentials stay.
//   - Tags: a malformed resource name fails the request with
//     InvalidParameterValue.ResourceDescriptionError; a well-formed name of
//     another uin or an unknown application is a FailedResources entry with
//     ResourceNotFound (ModifyResourceTags answers ResourceNotFound), a
//     deleting application FailedOperation.AppDeleting. Batch sizes:
//     LimitExceeded.ResourceNumPerRequest, LimitExceeded.TagNumPerRequest.
//     Reserved key prefixes are case-sensitive ("Project" is allowed).
//   - Listing: Limit 0 means the default 20; OrderField other than
//     create_time, OrderType other than 0/1, Status other than 0/1 and more
//     than 100 SdkAppIds are InvalidParameterValue.<Field>. Tag paging: Limit
//     0 or > 100 InvalidParameterValue.Limit, Offset not a multiple of Limit
//     InvalidParameterValue.Offset, ResourceIds outside 1-50
//     InvalidParameterValue.ResourceIds.
//   - Applications: the app quota counts applications not being deleted.
//     ModifyAppStatus back to the state in effect cancels the pending change
//     at once. A ClientToken over 64 characters is
//     InvalidParameterValue.ClientToken.
//   - Subscriptions: CreateTrtcFreeLicense during a running trial is
//     FailedOperation.TrialActive (not in the reference). Purchases are free;
//     a configured balance <= 0 refuses them (default: unlimited). A renewal
//     without AutoRenew keeps the current setting. Auto-renewal adds one
//     month at each expiry; a trial never auto-renews.
//   - STS: RoleArn must be qcs::cam::uin/<uin>:roleName/<name> (or :role/)
//     else InvalidParameter.RoleArn; another uin is
//     ResourceNotFound.RoleNotExist; InvalidParameter.RoleSessionName and
//     InvalidParameter.DurationSeconds (> 43200). GetCallerIdentity with
//     role credentials answers Type CAMRole and an assumed-role Arn.
//   - Platform disabling (Overdue, NoPackage) is the Go method DisableApp.
