using System.Globalization;
using System.Text;

namespace WatchState.Identities;

/// <summary>How user names compare across servers, and how an identity is named.</summary>
public static class UserNames
{
    /// <summary>Case-insensitive, trimmed, without diacritics; spaces, dots, underscores and hyphens ignored.</summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in Fold(name.Trim()))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || char.IsWhiteSpace(c) || c is '.' or '_' or '-')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// An identity name in WatchState's form (<c>^[a-z_0-9]+$</c>): other characters become underscores, and a name
    /// of digits only gets a <c>user_</c> prefix.
    /// </summary>
    public static string IdentityName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in Fold(name.Trim()))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(lower);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var result = builder.ToString().TrimEnd('_');
        if (result.Length == 0)
        {
            return "user";
        }

        return result.All(char.IsAsciiDigit) ? "user_" + result : result;
    }

    // The build runs with invariant globalization, where string.Normalize cannot decompose accented letters,
    // so the common Latin ones are folded by table; combining marks are dropped by the callers.
    private const string Accented = "ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž";
    private const string Plain = "AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssTTTtttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz";

    private static IEnumerable<char> Fold(string text)
    {
        foreach (var c in text)
        {
            var i = c < 128 ? -1 : Accented.IndexOf(c, StringComparison.Ordinal);
            yield return i < 0 ? c : Plain[i];
        }
    }
}
