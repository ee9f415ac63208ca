using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Municipalities;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// First-start data: an example municipality (its details are edited by the administrator) and
/// a realistic catalogue of matters a clerk handles at home.
/// </summary>
public static class DemoData
{
    /// <summary>Adds the municipality and the catalogue when the database has none.</summary>
    public static async Task EnsureSeededAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await db.Municipalities.AnyAsync(ct))
        {
            db.Municipalities.Add(new MunicipalitySettings
            {
                Name = "Gmina Przykładowo",
                NameLocative = "Gminie Przykładowo",
                OfficeName = "Urząd Gminy Przykładowo",
                OfficeAddress = "ul. Główna 1, 00-950 Przykładowo",
                Phone = "22 123 45 67",
                Email = "mobilny.urzednik@przykladowo.example.pl",
                PhoneHours = "od poniedziałku do piątku, 7:30–15:30",
                CoordinatorName = "Anna Kowalska",
                DataProtectionOfficerEmail = "iod@przykladowo.example.pl",
                StatementPublishedOn = new DateOnly(2026, 11, 2),
                StatementUpdatedOn = new DateOnly(2026, 11, 22),
                StatementPreparedOn = new DateOnly(2026, 11, 22),
                AccessibilityContactName = "Anna Kowalska",
                BuildingAccessibility = "Wejście do urzędu od ul. Głównej ma podjazd dla wózków. Drzwi otwierają się automatycznie. "
                    + "Biuro obsługi mieszkańców jest na parterze. Przy wejściu jest pętla indukcyjna. "
                    + "Można wejść z psem asystującym. Tłumacza języka migowego zamówisz telefonicznie lub e-mailem, najlepiej 3 dni robocze wcześniej.",
            });
        }

        if (!await db.Matters.AnyAsync(ct))
        {
            db.Matters.AddRange(Catalogue());
        }
        else
        {
            // A catalogue from before the comparison key existed was keyed by the database's own lower(), which folds
            // only ASCII on SQLite: re-key with the app's Polish rule (a no-op once done).
            foreach (var matter in await db.Matters.ToListAsync(ct))
            {
                if (matter.NameKey != MatterNames.Key(matter.Name))
                {
                    db.Entry(matter).Property(m => m.NameKey).IsModified = true;
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<Matter> Catalogue()
    {
        var order = 0;
        yield return Make(ref order, "dowod-osobisty", "Wniosek o dowód osobisty",
            "Urzędnik przyjmie wniosek o nowy dowód osobisty i zrobi zdjęcie do dowodu na miejscu albo weźmie Twoje zdjęcie.",
            "Obecny dowód osobisty, nawet jeśli stracił ważność",
            "Aktualne zdjęcie 35 × 45 mm, jeśli je masz",
            "Numer PESEL",
            "Jeśli zmieniło się nazwisko: akt małżeństwa lub inny dokument o zmianie");
        yield return Make(ref order, "zameldowanie", "Zameldowanie lub wymeldowanie",
            "Urzędnik pomoże zgłosić pobyt stały lub czasowy albo wymeldować się.",
            "Dowód osobisty lub paszport",
            "Dokument, który potwierdza prawo do mieszkania, na przykład akt notarialny lub umowa najmu",
            "Jeśli to możliwe: obecność właściciela mieszkania albo jego podpis na formularzu");
        yield return Make(ref order, "podatek-od-nieruchomosci", "Deklaracja lub informacja o podatku od nieruchomości",
            "Urzędnik pomoże wypełnić informację o nieruchomościach albo jej zmianę, na przykład po kupnie lub sprzedaży.",
            "Dowód osobisty",
            "Akt notarialny lub inny dokument własności",
            "Powierzchnię domu, mieszkania lub działki, jeśli ją znasz");
        yield return Make(ref order, "oplata-za-odpady", "Deklaracja o opłacie za odpady",
            "Urzędnik pomoże złożyć lub zmienić deklarację o opłacie za wywóz śmieci, na przykład gdy zmieniła się liczba osób w domu.",
            "Dowód osobisty",
            "Liczbę osób, które mieszkają pod adresem",
            "Numer poprzedniej deklaracji, jeśli go masz");
        yield return Make(ref order, "swiadczenia-online", "Pomoc w złożeniu wniosku o świadczenie przez internet",
            "Urzędnik pomoże złożyć przez internet wniosek o świadczenie, na przykład do ZUS lub ośrodka pomocy społecznej, i wyjaśni, co dalej.",
            "Dowód osobisty",
            "Telefon, jeśli masz Profil Zaufany lub aplikację mObywatel",
            "Dokumenty, o które prosi wniosek, na przykład zaświadczenie o dochodach lub orzeczenie o niepełnosprawności");
        yield return Make(ref order, "inna-sprawa", "Inna sprawa",
            "Opisz, co chcesz załatwić. Sprawdzimy, czy urzędnik może to zrobić w domu, i oddzwonimy.",
            "Dowód osobisty",
            "Dokumenty, które dotyczą sprawy");
    }

    private static Matter Make(ref int order, string slug, string name, string description, params string[] checklist)
    {
        var matter = new Matter
        {
            Slug = slug,
            Name = name,
            Description = description,
            SortOrder = ++order,
            IsOther = slug == "inna-sprawa",
        };
        for (var i = 0; i < checklist.Length; i++)
        {
            matter.Checklist.Add(new ChecklistItem { Text = checklist[i], SortOrder = i + 1 });
        }

        return matter;
    }
}
