using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// An ellipsoid of revolution and the geodesic computations on it (see <see cref="Geodesic"/> for the method).
/// Detente measures on WGS84; other ellipsoids exist to check the formulas against published lines.
/// </summary>
internal sealed class Ellipsoid
{
    private const double DegreesToRadians = Math.PI / 180.0;
    private const double RadiansToDegrees = 180.0 / Math.PI;

    // Beyond this canonical longitude difference (radians) the bisection is used: Vincenty's iteration
    // is only trusted away from the antipodal region, whose width in longitude is about pi * f.
    private const double AntipodalLongitudeMargin = 0.05;

    private readonly double _a;
    private readonly double _b;
    private readonly double _f;

    // u^2 = cos^2(alpha) * (a^2 - b^2) / b^2.
    private readonly double _secondEccentricitySquared;

    public Ellipsoid(double equatorialRadius, double inverseFlattening)
    {
        _a = equatorialRadius;
        _f = 1 / inverseFlattening;
        _b = _a * (1 - _f);
        _secondEccentricitySquared = (_a * _a - _b * _b) / (_b * _b);
    }

    public static Ellipsoid Wgs84 { get; } = new(Geodesic.EquatorialRadius, 298.257223563);

    public GeodesicDirect Direct(GeoPoint start, double azimuthDegrees, double metres)
    {
        var alpha1 = azimuthDegrees * DegreesToRadians;
        var sinAlpha1 = Math.Sin(alpha1);
        var cosAlpha1 = Math.Cos(alpha1);
        var (sinU1, cosU1) = ReducedLatitude(start.Latitude * DegreesToRadians);

        var sigma1 = Math.Atan2(sinU1, cosU1 * cosAlpha1);
        var sinAlpha = cosU1 * sinAlpha1;
        var cosSqAlpha = 1 - sinAlpha * sinAlpha;
        var uSq = cosSqAlpha * _secondEccentricitySquared;
        var bigA = SeriesA(uSq);
        var bigB = SeriesB(uSq);

        var sigma = metres / (_b * bigA);
        double sinSigma, cosSigma, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            var deltaSigma = DeltaSigma(bigB, sinSigma, cosSigma, cos2SigmaM);
            var next = metres / (_b * bigA) + deltaSigma;
            var done = Math.Abs(next - sigma) < 1e-13 || ++iterations > 50;
            sigma = next;
            if (done)
            {
                cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
                sinSigma = Math.Sin(sigma);
                cosSigma = Math.Cos(sigma);
                break;
            }
        }

        var tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
        var lat2 = Math.Atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1, (1 - _f) * Math.Sqrt(sinAlpha * sinAlpha + tmp * tmp));
        var lambda = Math.Atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
        var c = _f / 16 * cosSqAlpha * (4 + _f * (4 - 3 * cosSqAlpha));
        var l = lambda - (1 - c) * _f * sinAlpha
            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        var lon2 = Geodesic.NormaliseDegrees(start.Longitude + l * RadiansToDegrees);
        var alpha2 = Math.Atan2(sinAlpha, -tmp);
        var lat2Degrees = Math.Clamp(lat2 * RadiansToDegrees, -90, 90);
        return new GeodesicDirect(new GeoPoint(lat2Degrees, lon2), Geodesic.NormaliseDegrees(alpha2 * RadiansToDegrees));
    }

    public GeodesicInverse Inverse(double lat1, double lon1, double lat2, double lon2) =>
        Inverse(lat1, lon1, lat2, lon2, bisectOnly: false);

    /// <summary>The inverse problem solved by bisection alone, as nearly antipodal lines are; to check the two methods agree.</summary>
    public GeodesicInverse InverseByBisection(double lat1, double lon1, double lat2, double lon2) =>
        Inverse(lat1, lon1, lat2, lon2, bisectOnly: true);

    private GeodesicInverse Inverse(double lat1, double lon1, double lat2, double lon2, bool bisectOnly)
    {
        // Canonical configuration (Karney 2013, section 4): |lat1| >= |lat2|, lat1 <= 0, 0 <= lon12 <= 180.
        var swapped = Math.Abs(lat1) < Math.Abs(lat2);
        if (swapped)
        {
            (lat1, lat2) = (lat2, lat1);
            (lon1, lon2) = (lon2, lon1);
        }

        var latSign = lat1 > 0 ? -1 : 1;
        lat1 *= latSign;
        lat2 *= latSign;
        var lon12 = Geodesic.NormaliseDegrees(lon2 - lon1);
        var lonSign = lon12 < 0 ? -1 : 1;
        lon12 *= lonSign;

        var l = lon12 * DegreesToRadians;
        var (sinU1, cosU1) = ReducedLatitude(lat1 * DegreesToRadians);
        var (sinU2, cosU2) = ReducedLatitude(lat2 * DegreesToRadians);

        double metres = 0, alpha1 = 0, alpha2 = 0;
        var equatorial = lat1 == 0 && lat2 == 0;
        if (equatorial && l <= (1 - _f) * Math.PI)
        {
            // Along the equator, which is a geodesic up to this length; beyond it the path over a pole is shorter.
            metres = _a * l;
            alpha1 = alpha2 = Math.PI / 2;
        }
        else if (bisectOnly || !(l < Math.PI - AntipodalLongitudeMargin
            && TryVincenty(l, sinU1, cosU1, sinU2, cosU2, out metres, out alpha1, out alpha2)))
        {
            Bisect(l, sinU1, cosU1, sinU2, cosU2, out metres, out alpha1, out alpha2);
        }

        if (equatorial && alpha1 > Math.PI / 2)
        {
            // Two mirror-image geodesics are equally short; prefer the one that starts northwards.
            alpha1 = Math.PI - alpha1;
            alpha2 = Math.PI - alpha2;
        }

        // Undo the canonical transformations in reverse order.
        alpha1 *= lonSign;
        alpha2 *= lonSign;
        if (latSign < 0)
        {
            alpha1 = Math.PI - alpha1;
            alpha2 = Math.PI - alpha2;
        }

        if (swapped)
        {
            (alpha1, alpha2) = (alpha2 + Math.PI, alpha1 + Math.PI);
        }

        return new GeodesicInverse(
            metres, Geodesic.NormaliseDegrees(alpha1 * RadiansToDegrees), Geodesic.NormaliseDegrees(alpha2 * RadiansToDegrees));
    }

    private bool TryVincenty(
        double l, double sinU1, double cosU1, double sinU2, double cosU2, out double metres, out double alpha1, out double alpha2)
    {
        var lambda = l;
        double sinLambda, cosLambda, sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            sinLambda = Math.Sin(lambda);
            cosLambda = Math.Cos(lambda);
            var t1 = cosU2 * sinLambda;
            var t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            sinSigma = Math.Sqrt(t1 * t1 + t2 * t2);
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            if (sinSigma == 0)
            {
                // Coincident points (or exactly antipodal ones, which the caller routes to the bisection).
                metres = 0;
                alpha1 = 0;
                alpha2 = 0;
                return cosSigma > 0;
            }

            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
            var c = _f / 16 * cosSqAlpha * (4 + _f * (4 - 3 * cosSqAlpha));
            var next = l + (1 - c) * _f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(next) > Math.PI || ++iterations > 100)
            {
                metres = alpha1 = alpha2 = double.NaN;
                return false;
            }

            var converged = Math.Abs(next - lambda) < 1e-13;
            lambda = next;
            if (converged)
            {
                break;
            }
        }

        sinLambda = Math.Sin(lambda);
        cosLambda = Math.Cos(lambda);
        metres = Length(sigma, sinSigma, cosSigma, cos2SigmaM, cosSqAlpha);
        alpha1 = Math.Atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
        alpha2 = Math.Atan2(cosU1 * sinLambda, -sinU1 * cosU2 + cosU1 * sinU2 * cosLambda);
        return true;
    }

    private void Bisect(
        double l, double sinU1, double cosU1, double sinU2, double cosU2, out double metres, out double alpha1, out double alpha2)
    {
        // Invariant: sinU1 <= 0, |U2| <= |U1|, 0 <= l <= pi. The longitude reached on the parallel U2 grows
        // monotonically from 0 (alpha1 = 0, due north) to pi (alpha1 = pi, over the south pole).
        sinU1 = Math.Min(sinU1, -1e-300);
        double lo = 0, hi = Math.PI;
        var state = default(GeodesicState);
        for (var i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            var mid = 0.5 * (lo + hi);
            state = Evaluate(mid, sinU1, cosU1, sinU2, cosU2);
            if (state.Longitude < l)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        alpha1 = 0.5 * (lo + hi);
        state = Evaluate(alpha1, sinU1, cosU1, sinU2, cosU2);
        metres = Length(state.Sigma, Math.Sin(state.Sigma), Math.Cos(state.Sigma), state.Cos2SigmaM, state.CosSqAlpha0);
        alpha2 = state.Alpha2;
    }

    private readonly record struct GeodesicState(double Longitude, double Sigma, double Cos2SigmaM, double CosSqAlpha0, double Alpha2);

    private GeodesicState Evaluate(double alpha1, double sinU1, double cosU1, double sinU2, double cosU2)
    {
        var sinAlpha1 = Math.Sin(alpha1);
        var cosAlpha1 = Math.Cos(alpha1);
        var sinAlpha0 = sinAlpha1 * cosU1;
        var cosSqAlpha0 = 1 - sinAlpha0 * sinAlpha0;

        var sigma1 = Math.Atan2(sinU1, cosAlpha1 * cosU1);
        var omega1 = Math.Atan2(sinAlpha0 * sinU1, cosAlpha1 * cosU1);

        // The geodesic crosses the parallel U2 heading north: cos(alpha2) cos(U2) >= 0.
        var cosAlpha2CosU2Sq = cosAlpha1 * cosAlpha1 * cosU1 * cosU1 + (cosU2 * cosU2 - cosU1 * cosU1);
        var cosAlpha2CosU2 = Math.Sqrt(Math.Max(0, cosAlpha2CosU2Sq));
        var sigma2 = Math.Atan2(sinU2, cosAlpha2CosU2);
        var omega2 = Math.Atan2(sinAlpha0 * sinU2, cosAlpha2CosU2);

        var sigma = sigma2 - sigma1;
        var omega = omega2 - omega1;
        if (omega < -Math.PI / 2)
        {
            omega += 2 * Math.PI;
        }

        var cos2SigmaM = Math.Cos(sigma1 + sigma2);
        var sinSigma = Math.Sin(sigma);
        var cosSigma = Math.Cos(sigma);
        var c = _f / 16 * cosSqAlpha0 * (4 + _f * (4 - 3 * cosSqAlpha0));
        var longitude = omega - (1 - c) * _f * sinAlpha0
            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        var alpha2 = Math.Atan2(sinAlpha0, cosAlpha2CosU2);
        return new GeodesicState(longitude, sigma, cos2SigmaM, cosSqAlpha0, alpha2);
    }

    private double Length(double sigma, double sinSigma, double cosSigma, double cos2SigmaM, double cosSqAlpha)
    {
        var uSq = cosSqAlpha * _secondEccentricitySquared;
        return _b * SeriesA(uSq) * (sigma - DeltaSigma(SeriesB(uSq), sinSigma, cosSigma, cos2SigmaM));
    }

    private static double SeriesA(double uSq) => 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));

    private static double SeriesB(double uSq) => uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));

    private static double DeltaSigma(double bigB, double sinSigma, double cosSigma, double cos2SigmaM) =>
        bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));

    private (double Sin, double Cos) ReducedLatitude(double latitude)
    {
        var y = (1 - _f) * Math.Sin(latitude);
        var x = Math.Cos(latitude);
        var r = Math.Sqrt(x * x + y * y);
        return (y / r, x / r);
    }
}
