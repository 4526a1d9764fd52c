namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// Powers of ten and significant digits in decimal arithmetic: Math.Pow works in doubles through the
/// platform's math library, whose last digit may differ between machines and so change a generated course.
/// </summary>
internal static class DecimalPowers
{
    private const decimal Ln10 = 2.3025850929940456840179914547m;

    /// <summary>10 to a decimal exponent: the whole part by multiplying, the fraction by the series of e^(f·ln 10).</summary>
    public static decimal Pow10(decimal exponent)
    {
        var whole = (int)decimal.Floor(exponent);
        var y = (exponent - whole) * Ln10;
        decimal term = 1m, sum = 1m;
        for (var n = 1; n <= 40; n++)
        {
            term = term * y / n;
            sum += term;
        }

        for (var i = 0; i < whole; i++) sum *= 10m;
        for (var i = 0; i > whole; i--) sum /= 10m;
        return sum;
    }

    /// <summary>Rounded to 3 significant digits, as a laboratory reports a ratio (e.g. 0.0213 %).</summary>
    public static decimal ThreeSignificant(decimal value)
    {
        if (value <= 0m) return 0m;
        var decimals = 0;
        for (var scaled = value; scaled < 100m; scaled *= 10m) decimals++;
        return Math.Round(value, decimals, MidpointRounding.ToEven);
    }
}
