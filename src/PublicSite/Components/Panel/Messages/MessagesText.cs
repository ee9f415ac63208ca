namespace MobilnyUrzednik.PublicSite.Components.Panel.Messages;

/// <summary>Marker for the call list's strings (MessagesText.resx).</summary>
public sealed class MessagesText;
