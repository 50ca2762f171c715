package emulator

// Choices internal/api/README.md leaves open, made here (the reference
// says everything else):
//
//   - Auth: the 300 s signature window is measured against Config.Clock
//     without the Advance offset (clients sign with their own clock). A
//     missing or unparsable X-TC-Timestamp is AuthFailure.SignatureFailure.
//     Permanent keys ignore X-TC-Token; AssumeRole credentials need it and
//     expire on the emulator clock (AuthFailure.TokenFailure).
//   - Admin: /_emulator/ is unsigned. With Config.AdminToken (the command's
//     --admin-token, required when it listens beyond loopback) every admin
//     request needs "Authorization: Bearer <token>", else HTTP 401.
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
//   - State file (Config.StateFile, persist.go): every successful write is
//     answered only once on disk; the file holds the account, ClientTokens,
//     STS credentials and the clock, not counters, faults, rate-limit
//     buckets or read_lag history. The random source restarts from the seed.
//     The clock keeps running while the emulator is stopped and never runs
//     behind the saved time. A fleet (Config.Fleet, fleet.go) makes its
//     applications already in their status, with nothing pending.
//   - Missing applications: an SdkAppId this account does not hold answers
//     Config.NotFoundCode (default FailedOperation.SdkAppIdNotExist, or
//     ResourceNotFound.SdkAppId), one of Config.OtherAccountApps
//     UnauthorizedOperation.SdkAppId, in every TRTC action and in tag writes.
//   - Tags: a malformed resource name fails the request with
//     InvalidParameterValue.ResourceDescriptionError; a well-formed name of
//     another uin is AuthFailure.UnauthorizedOperation, of an application
//     this account does not hold the code above (in FailedResources for
//     TagResources and UnTagResources; ModifyResourceTags answers it), of a
//     deleting application FailedOperation.AppDeleting. A key or value
//     breaking two rules gets the first of: empty, too long, illegal
//     character (invalid UTF-8 and outer spaces are illegal characters).
//     A key both in ReplaceTags and DeleteTags is
//     InvalidParameterValue.DeleteTagsParamError. Reserved key prefixes are
//     case-sensitive ("Project" is allowed).
//   - Listing: Limit 0 means the default 20; Status other than 0/1 is
//     InvalidParameterValue.Status; OrderField other than create_time,
//     OrderType other than 0/1 and more than 100 SdkAppIds are
//     InvalidParameter (the TRTC SDK's error table has it and no bare
//     InvalidParameterValue), with a message naming the field and the rule.
//     Tag paging: Limit
//     0 or > 100 InvalidParameterValue.Limit, Offset not a multiple of Limit
//     InvalidParameterValue.OffsetInvalid, ResourceIds outside 1-50
//     LimitExceeded.ResourceNumPerRequest.
//   - Applications: the app quota counts applications not being deleted.
//     ModifyAppStatus back to the state in effect cancels the pending change
//     at once. A ClientToken over 64 characters is InvalidParameter, like
//     the listing checks above.
//   - Subscriptions: CreateTrtcFreeLicense during a running trial is
//     LimitExceeded.AppTrialQuota: the running trial counts against the
//     application's allowance, one trial at a time. Error messages give
//     times in RFC 3339 UTC (the wire's UTC+8 form has no zone). Purchases are free;
//     a configured balance <= 0 refuses them (default: unlimited). A renewal
//     without AutoRenew keeps the current setting. Auto-renewal adds one
//     month at each expiry; a trial never auto-renews.
//   - STS: RoleArn must be qcs::cam::uin/<uin>:roleName/<name> (or :role/);
//     that, a bad RoleSessionName and DurationSeconds > 43200 are
//     InvalidParameter.ParamError; another uin is
//     ResourceNotFound.RoleNotFound. GetCallerIdentity with role credentials
//     answers Type CAMRole and an assumed-role Arn.
//   - Platform disabling (Overdue, NoPackage) is the Go method DisableApp.
//
// Every error code the emulator sends. [public] codes are in the official
// Go SDK's error tables (github.com/TencentCloud/tencentcloud-sdk-go,
// tencentcloud/{trtc/v20190722,tag/v20180813,sts/v20180813}/errors.go) or
// in the API 3.0 common codes; [model] codes are the project's, for console
// and modelled actions whose codes are unpublished. sdk_codes_test.go holds
// both lists and checks this one against them.
//
// Transport and authentication (every service):
//   - AuthFailure.SignatureFailure [public]
//   - AuthFailure.SecretIdNotFound [public]
//   - AuthFailure.SignatureExpire [public]
//   - AuthFailure.TokenFailure [public]
//   - InvalidAction [public]
//   - NoSuchVersion [public]
//   - RequestSizeLimitExceeded [public]
//   - UnsupportedProtocol [public]
//   - InvalidParameter [public] (also TRTC input checks: ClientToken,
//     OrderField, OrderType, SdkAppIds)
//   - UnknownParameter [public]
//   - MissingParameter [public]
//   - RequestLimitExceeded [public]
//   - InternalError [public] (injected faults; their code is configurable)
//   - ServiceUnavailable [public]
//   - ResourceUnavailable [public]
//
// STS:
//   - InvalidParameter.ParamError [public]
//   - ResourceNotFound.RoleNotFound [public]
//
// TRTC applications:
//   - FailedOperation.SdkAppIdNotExist [public]
//   - ResourceNotFound.SdkAppId [model] (only with Config.NotFoundCode)
//   - UnauthorizedOperation.SdkAppId [public]
//   - InvalidParameterValue.AppName [model]
//   - InvalidParameterValue.Description [model]
//   - InvalidParameterValue.Product [model]
//   - InvalidParameterValue.DataRegion [model]
//   - InvalidParameterValue.Status [model]
//   - InvalidParameterValue.Limit [model] (also for tag paging)
//   - LimitExceeded.AppQuota [model]
//   - FailedOperation.AppDeleting [model]
//   - FailedOperation.AppEnabled [model]
//
// Tags:
//   - InvalidParameterValue.TagKeyEmpty [public]
//   - InvalidParameterValue.TagKeyLengthExceeded [public]
//   - InvalidParameterValue.TagKeyCharacterIllegal [public]
//   - InvalidParameterValue.TagValueEmpty [public]
//   - InvalidParameterValue.TagValueLengthExceeded [public]
//   - InvalidParameterValue.TagValueCharacterIllegal [public]
//   - InvalidParameterValue.ReservedTagKey [public]
//   - InvalidParameterValue.TagKeyDuplicate [public]
//   - InvalidParameterValue.DeleteTagsParamError [public]
//   - InvalidParameterValue.ResourceDescriptionError [public]
//   - InvalidParameterValue.OffsetInvalid [public]
//   - LimitExceeded.ResourceAttachedTags [public]
//   - LimitExceeded.ResourceNumPerRequest [public]
//   - LimitExceeded.TagNumPerRequest [public]
//   - AuthFailure.UnauthorizedOperation [public]
//
// Editions and subscriptions:
//   - LimitExceeded.AppTrialQuota [model] (also while a trial runs)
//   - LimitExceeded.AccountTrialQuota [model]
//   - FailedOperation.PaidEditionActive [model]
//   - InvalidParameterValue.Edition [model]
//   - InvalidParameterValue.Period [model]
//   - UnsupportedOperation.EditionSwitch [model]
//   - FailedOperation.InsufficientBalance [model]
//   - FailedOperation.NoPaidEdition [model]
