using System.Text;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>
/// CSV as Polish Excel opens it by double-click: UTF-8 with a byte-order mark, semicolons between cells,
/// CRLF line ends and RFC 4180 quoting. Cells that a spreadsheet would read as a formula (= + - @, tab,
/// carriage return) get a leading apostrophe, so a matter named "=HYPERLINK(…)" stays text.
/// </summary>
public static class CsvWriter
{
    public const char Separator = ';';

    /// <summary>The rows as a CSV file's bytes, with the UTF-8 byte-order mark first.</summary>
    public static byte[] ToBytes(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = Write(rows);
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text);
        return [.. preamble, .. body];
    }

    /// <summary>The rows as CSV text (without the byte-order mark).</summary>
    public static string Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.AppendJoin(Separator, row.Select(Cell));
            builder.Append("\r\n");
        }

        return builder.ToString();
    }

    /// <summary>One cell: neutralised against formulas, then quoted when it holds a separator, a quote or a line break.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([Separator, '"', '\r', '\n']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
