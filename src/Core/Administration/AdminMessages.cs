namespace MobilnyUrzednik.Core.Administration;

/// <summary>Marker for the administration's messages (AdminMessages.resx); commands answer with a <see cref="Common.CommandResult"/>.</summary>
public sealed class AdminMessages;
