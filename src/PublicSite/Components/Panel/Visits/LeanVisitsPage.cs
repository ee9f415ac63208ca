using Microsoft.AspNetCore.Components;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Components.Shared;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>
/// Base of the clerk's pages for the road: static server rendering without Blazor's script (<see cref="LeanPageAttribute"/>),
/// plain links and forms. The endpoint's policy admitted the staff member; this reads who they are from the request.
/// </summary>
[LeanPage]
public abstract class LeanVisitsPage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [Inject] protected NavigationManager Nav { get; set; } = default!;

    /// <summary>The signed-in staff member (the page's policy has already admitted them).</summary>
    protected StaffActor Actor => StaffActor.From(HttpContext.User) ?? throw new InvalidOperationException("The page's policy admits staff only.");

    /// <summary>
    /// Marks the response as one the phone may keep for <paramref name="day"/> (today only): the service worker stores
    /// pages that carry this header, in that day's cache, which the page script deletes after midnight and sign-out wipes.
    /// </summary>
    protected void AllowOfflineCopy(DateOnly day)
    {
        if (!HttpContext.Response.HasStarted)
        {
            HttpContext.Response.Headers["X-Mu-Offline"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            HttpContext.Response.Headers.CacheControl = "no-store";
        }
    }

    /// <summary>Personal data never goes to a shared cache or the browser's own HTTP cache.</summary>
    protected void NoStore()
    {
        if (!HttpContext.Response.HasStarted)
        {
            HttpContext.Response.Headers.CacheControl = "no-store";
        }
    }
}
