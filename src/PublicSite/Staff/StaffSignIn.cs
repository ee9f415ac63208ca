using System.Net;
using Microsoft.AspNetCore.Identity;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInStep
{
    /// <summary>Signed in; the panel may open (or two-factor set-up, or the password change, comes first).</summary>
    SignedIn,

    /// <summary>The password was right; the code from the app is the next step.</summary>
    NeedsCode,

    /// <summary>Wrong e-mail, password or code — never which.</summary>
    Wrong,

    /// <summary>The e-mail address is locked after repeated failures: the password and the code must come together.</summary>
    NeedsPasswordAndCode,

    /// <summary>This network address made too many failed sign-ins and must wait.</summary>
    AddressWaits,

    /// <summary>The code step was reached without a password step (or it expired).</summary>
    Expired,
}

/// <summary>The outcome of one attempt; <see cref="WaitUntil"/> is set for <see cref="SignInStep.AddressWaits"/>.</summary>
public sealed record SignInOutcome(SignInStep Step, StaffUser? User = null, DateTimeOffset? WaitUntil = null);

/// <summary>
/// Staff sign-in, the same for every account, real or not. Unknown, disabled and real accounts get the same answer
/// after the same work: a password hash is always verified (for an unknown e-mail address, a decoy hash made with the
/// same hasher and cost) and each failure is one commit (the throttle's count with the audit entry where there is an
/// account). <see cref="SignInThrottle"/> limits tries per network address and per e-mail address; a locked e-mail
/// address is passed only by the password and the authenticator code together.
/// </summary>
public sealed class StaffSignIn(
    StaffSignInManager signIn,
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle,
    AuditLog audit,
    IHostEnvironment environment)
{
    private static readonly Lock DecoyGate = new();
    private static string? _decoy;

    /// <summary>The first step: e-mail and password, and the code when the e-mail address is locked.</summary>
    public async Task<SignInOutcome> PasswordAsync(string email, string password, string? code, IPAddress? address, CancellationToken ct = default)
    {
        email = email.Trim();
        var gate = await throttle.CheckAsync(email, address, ct);
        if (gate.AddressWaitUntil is { } wait)
        {
            return new SignInOutcome(SignInStep.AddressWaits, WaitUntil: wait);
        }

        var user = await users.FindByEmailAsync(email);
        var passwordOk = user is null ? VerifyDecoy(password) : await users.CheckPasswordAsync(user, password);

        // The demo password is published in README: outside Development it opens nothing, even where an account still has it.
        if (!environment.IsDevelopment() && string.Equals(password, StaffPasswords.DemoPassword, StringComparison.Ordinal))
        {
            passwordOk = false;
        }

        var allowed = passwordOk && user is { IsDisabled: false };
        if (gate.NameLocked)
        {
            // Only the pair opens a locked address, and the answer never says which half was wrong.
            var codeOk = allowed && user!.TwoFactorEnabled && !string.IsNullOrEmpty(code)
                && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
            if (codeOk)
            {
                await throttle.RecordSuccessAsync(email, ct);
                await signIn.CompleteTwoFactorAsync(user!);
                await audit.AuditSignInAsync(user!, succeeded: true, "password+2fa while locked");
                return new SignInOutcome(SignInStep.SignedIn, user);
            }

            await FailAsync(email, address, user, "locked", ct);
            return new SignInOutcome(SignInStep.NeedsPasswordAndCode);
        }

        if (!allowed)
        {
            var after = await FailAsync(email, address, user, null, ct);
            return new SignInOutcome(after.NameLocked ? SignInStep.NeedsPasswordAndCode : SignInStep.Wrong);
        }

        var result = await signIn.PasswordVerifiedAsync(user!);
        if (result.RequiresTwoFactor)
        {
            // The count of failures stays until the code is right too: a right password must not wipe failed codes.
            await audit.AuditSignInAsync(user!, succeeded: true, "password");
            return new SignInOutcome(SignInStep.NeedsCode, user);
        }

        await throttle.RecordSuccessAsync(email, ct);
        await audit.AuditSignInAsync(user!, succeeded: true);
        return new SignInOutcome(SignInStep.SignedIn, user);
    }

    /// <summary>The second step: the code from the app, for the account whose password was just verified.</summary>
    public async Task<SignInOutcome> CodeAsync(string code, IPAddress? address, CancellationToken ct = default)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return new SignInOutcome(SignInStep.Expired);
        }

        var email = user.Email ?? user.UserName ?? user.Id;
        var gate = await throttle.CheckAsync(email, address, ct);
        if (gate.AddressWaitUntil is { } wait)
        {
            return new SignInOutcome(SignInStep.AddressWaits, WaitUntil: wait);
        }

        // The password was right a moment ago, so a right code is the pair the lock asks for.
        if (!user.IsDisabled && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await throttle.RecordSuccessAsync(email, ct);
            await signIn.CompleteTwoFactorAsync(user);
            await audit.AuditSignInAsync(user, succeeded: true, "2fa");
            return new SignInOutcome(SignInStep.SignedIn, user);
        }

        await FailAsync(email, address, user, "2fa wrong", ct);
        return new SignInOutcome(SignInStep.Wrong, user);
    }

    private Task<SignInGate> FailAsync(string email, IPAddress? address, StaffUser? user, string? detail, CancellationToken ct) =>
        throttle.RecordFailureAsync(
            email,
            address,
            user is null ? null : db => audit.Add(db, new StaffActor(user.Id, user.DisplayName, []), AuditActions.SignInFailed, "staff:" + user.Id, detail),
            ct);

    // A hash of a random password, made once by the same hasher (same algorithm and cost as the real ones).
    private bool VerifyDecoy(string password)
    {
        lock (DecoyGate)
        {
            _decoy ??= hasher.HashPassword(new StaffUser { DisplayName = string.Empty }, Guid.NewGuid().ToString("N"));
        }

        return hasher.VerifyHashedPassword(new StaffUser { DisplayName = string.Empty }, _decoy, password) != PasswordVerificationResult.Failed;
    }
}
