namespace MobilnyUrzednik.PublicSite.Components.Pages.Notifications;

/// <summary>Marker for the subscription form's and the stop page's strings (SubscriptionText.resx).</summary>
public sealed class SubscriptionText;
