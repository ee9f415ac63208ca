using Microsoft.AspNetCore.Identity;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>Identity's messages in plain Polish, for the staff account forms and the command line.</summary>
public sealed class PolishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Hasło musi mieć co najmniej {length} znaków." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Hasło musi zawierać co najmniej {uniqueChars} różnych znaków." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = "Konto z tym adresem e-mail już istnieje." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "Konto z tym adresem e-mail już istnieje." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "Wpisz poprawny adres e-mail, na przykład jan.kowalski@gmina.pl." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "Wpisz poprawny adres e-mail, na przykład jan.kowalski@gmina.pl." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Hasło jest nieprawidłowe." };

    public override IdentityError UserAlreadyInRole(string role) =>
        new() { Code = nameof(UserAlreadyInRole), Description = "Ta osoba ma już tę rolę." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Kod jest nieprawidłowy albo wygasł." };
}
