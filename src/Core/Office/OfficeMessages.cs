namespace MobilnyUrzednik.Core.Office;

/// <summary>Marker for the office's messages (OfficeMessages.resx): problems with staff commands, in plain Polish.</summary>
public sealed class OfficeMessages;
