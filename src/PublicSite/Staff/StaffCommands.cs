using Microsoft.AspNetCore.Identity;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// Command-line account creation, for the first administrator (there is no default password anywhere):
/// <c>dotnet run --project src/PublicSite -- create-staff --email anna@gmina.pl --name "Anna Kowalska" --role administrator</c>.
/// The password is read from standard input (typed without echo, or piped).
/// </summary>
internal static class StaffCommands
{
    public const string CreateStaff = "create-staff";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == CreateStaff;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name");
        var role = Option(args, "--role") ?? StaffRoles.Administrator;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name))
        {
            await error.WriteLineAsync("Użycie: create-staff --email ADRES --name \"IMIĘ NAZWISKO\" [--role administrator|coordinator|clerk]");
            await error.WriteLineAsync("Hasło (co najmniej 12 znaków) podaj na wejściu standardowym.");
            return 2;
        }

        if (!StaffRoles.All.Contains(role))
        {
            await error.WriteLineAsync($"Nieznana rola \"{role}\". Wybierz: {string.Join(", ", StaffRoles.All)}.");
            return 2;
        }

        await output.WriteAsync("Hasło: ");
        var password = ReadPassword(input);
        await output.WriteLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("Nie podano hasła. Konto nie zostało utworzone.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = MobilnyUrzednik.Core.Common.PlainText.Tidy(name),
            CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                await error.WriteLineAsync(e.Description);
            }

            await error.WriteLineAsync("Konto nie zostało utworzone.");
            return 1;
        }

        await users.AddToRoleAsync(user, role);
        await output.WriteLineAsync($"Utworzono konto {user.Email} z rolą {role}. Przy pierwszym logowaniu trzeba będzie włączyć logowanie dwuetapowe.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? ReadPassword(TextReader input)
    {
        if (input != Console.In || Console.IsInputRedirected)
        {
            return input.ReadLine();
        }

        var buffer = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return buffer.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (buffer.Length > 0)
                {
                    buffer.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                buffer.Append(key.KeyChar);
            }
        }
    }
}
