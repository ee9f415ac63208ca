using Microsoft.AspNetCore.Components.Endpoints;

namespace MobilnyUrzednik.PublicSite.Components.Shared;

/// <summary>
/// A page served without Blazor's script (no live connection, no enhanced navigation): static server rendering and
/// plain forms, small and quick on a weak mobile signal. The clerk's "Moje wizyty" pages are such pages.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class LeanPageAttribute : Attribute
{
    // Blazor's script asks for pages it means to merge into the current one with this Accept header.
    private const string EnhancedNavigationAccept = "text/html; blazor-enhanced-nav=on";

    /// <summary>Whether the request's endpoint is a lean page.</summary>
    public static bool IsLean(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type.IsDefined(typeof(LeanPageAttribute), inherit: true) == true;

    /// <summary>
    /// A lean page is always loaded as a whole page. Reached by a link from an interactive page (the panel's other
    /// pages), Blazor's enhanced navigation would merge it into the live page: the closing circuit's head outlet then
    /// emptied the lean page's &lt;title&gt; now and then, and the page kept a live connection it must not have. So an
    /// enhanced-navigation request for a lean page is answered, without rendering it (nothing read, nothing audited
    /// twice), with Blazor's own instruction to load the address itself (<c>location.replace</c>, so "back" still
    /// returns to the page before).
    /// </summary>
    public static Task LoadWholeAsync(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.Accept.Any(a => a?.Contains(EnhancedNavigationAccept, StringComparison.OrdinalIgnoreCase) == true)
            && IsLean(context))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["blazor-enhanced-nav-redirect-location"] = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            return Task.CompletedTask;
        }

        return next();
    }
}
