namespace MobilnyUrzednik.Core.Requests;

/// <summary>Marker for the journey's error messages (ValidationMessages.resx), shared by every front end.</summary>
public sealed class ValidationMessages;
