using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>Staff accounts, sign-in and the permission policies of the staff area.</summary>
internal static class StaffAuthExtensions
{
    /// <summary>The policy for pages any signed-in staff member may open.</summary>
    public const string AnyStaffPolicy = "AnyStaff";

    /// <summary>The policy for the two-factor set-up page: signed in, second factor not yet required.</summary>
    public const string SignedInPolicy = "SignedIn";

    /// <summary>The policy for the password change: signed in with the second factor (where required), even with a first password to replace.</summary>
    public const string PasswordChangePolicy = "PasswordChange";

    public static WebApplicationBuilder AddStaffAccounts(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Staff");
        builder.Services.Configure<StaffOptions>(section);
        var staff = section.Get<StaffOptions>() ?? new StaffOptions();
        var limits = section.Get<StaffSecurityOptions>() ?? new StaffSecurityOptions();

        builder.Services.AddSingleton<IDatabaseSeeder, StaffSeeder>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        builder.Services.AddSingleton<StaffDrafts>();
        builder.Services.AddScoped<StaffSignIn>();
        builder.Services.AddScoped<StaffCookieEvents>();
        builder.Services.AddScoped<PanelCircuit>();

        builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();

        builder.Services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 5;
                // Identity's lockout would shut the owner out too: SignInThrottle does the locking (see there why).
                o.Lockout.AllowedForNewUsers = false;
                o.Tokens.AuthenticatorTokenProvider = StaffAuthenticator.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<StaffAuthenticator>(StaffAuthenticator.ProviderName)
            .AddPasswordValidator<StaffPasswords>()
            .AddErrorDescriber<PolishIdentityErrorDescriber>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "mu_staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = PanelRoutes.SignIn;
            o.LogoutPath = PanelRoutes.SignOut;
            o.AccessDeniedPath = PanelRoutes.AccessDenied;
            o.ReturnUrlParameter = "powrot";

            // The cookie is only the key of a server-side session, which keeps the idle time and the absolute limit
            // (StaffCookieEvents checks it on every request); the cookie itself lasts hardly longer than the limit.
            // (An hour beyond it, so that it is the server that refuses it and the sign-in page can say the session ended.)
            o.ExpireTimeSpan = limits.AbsoluteSessionLimit + TimeSpan.FromHours(1);
            o.SlidingExpiration = false;
            o.EventsType = typeof(StaffCookieEvents);
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "mu_staff_2fa";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = staff.RevalidationInterval;
            // Identity rebuilds the principal on each check and would drop how the session was opened: keep the
            // second-factor mark (or staff would be sent back to two-factor every minute) and the session's id.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    foreach (var kept in context.CurrentPrincipal?.Claims.Where(c => c.Type is SecondFactorRequirement.ClaimType or StaffClaims.SessionId).ToList() ?? [])
                    {
                        identity.AddClaim(new Claim(kept.Type, kept.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });

        builder.Services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All));
            o.AddPolicy(PasswordChangePolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All).AddRequirements(new SecondFactorRequirement()));
            o.AddPolicy(AnyStaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All)
                .AddRequirements(new SecondFactorRequirement(), new OwnPasswordRequirement()));
            foreach (var permission in Enum.GetValues<StaffPermission>())
            {
                o.AddPolicy(StaffPermissions.Policy(permission), p => p
                    .RequireAuthenticatedUser()
                    .RequireRole(StaffPermissions.RolesFor(permission))
                    .AddRequirements(new SecondFactorRequirement(), new OwnPasswordRequirement()));
            }
        });

        return builder;
    }

    /// <summary>
    /// Sign-out (a post with the anti-forgery token, so another site cannot sign staff out), and the open page's reports
    /// that someone is still at it (key presses, clicks, scrolling), which keep the server-side session open.
    /// </summary>
    public static WebApplication MapStaffEndpoints(this WebApplication app)
    {
        app.MapPost(PanelRoutes.SignOut, async (HttpContext context, [FromServices] SignInManager<StaffUser> signIn, [FromServices] IAntiforgery antiforgery) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var idle = form["powod"] == "bezczynnosc";
            if (context.User.Identity?.IsAuthenticated != true)
            {
                // The session already ended (its page stayed open): say so, never an error page. Its token was made
                // for the signed-in person, so it cannot be checked now; there is nothing left to sign out.
                return Results.LocalRedirect(PanelRoutes.SignIn + "?wygaslo=1");
            }

            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.LocalRedirect(PanelRoutes.Home);
            }

            await signIn.SignOutAsync();

            // Whatever the clerk's phone kept for a weak signal (today's visits, outcomes waiting to be sent) goes with the
            // session: the browser empties this site's caches, storage and service worker.
            context.Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
            return Results.LocalRedirect(PanelRoutes.SignIn + (idle ? "?wygaslo=1" : "?wylogowano=1"));
        }).DisableAntiforgery();

        // Counting as input is done by StaffCookieEvents for every /panel request; this answers whether the session is open.
        app.MapPost(PanelRoutes.SessionActivity, (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true ? Results.NoContent() : Results.Unauthorized())
            .DisableAntiforgery();
        return app;
    }

    /// <summary>Creates the roles, and in Development a demo account for each role (listed in README).</summary>
    /// <summary>The staff roles, and in Development the demo accounts: seeded once, under the database's seed lock.</summary>
    private sealed class StaffSeeder(IHostEnvironment environment) : IDatabaseSeeder
    {
        public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
        {
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in StaffRoles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }

            if (environment.IsDevelopment())
            {
                await DemoStaff.EnsureSeededAsync(services);
            }
        }
    }

    /// <summary>Whether two-factor sign-in is required here.</summary>
    public static bool TwoFactorRequired(IServiceProvider services) =>
        SecondFactorHandler.Required(services.GetRequiredService<IOptions<StaffOptions>>().Value, services.GetRequiredService<IHostEnvironment>());

    /// <summary>Writes a sign-in (or a failed one) to the audit log, by account id only.</summary>
    public static Task AuditSignInAsync(this AuditLog audit, StaffUser user, bool succeeded, string? detail = null) =>
        audit.RecordAsync(new StaffActor(user.Id, user.DisplayName, []), succeeded ? AuditActions.SignIn : AuditActions.SignInFailed, "staff:" + user.Id, detail);
}
