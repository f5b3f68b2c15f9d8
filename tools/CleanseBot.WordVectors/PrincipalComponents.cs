namespace CleanseBot.WordVectors;

/// <summary>
/// Principal component analysis of a set of vectors: their mean, and the directions along which they vary most,
/// from the eigenvectors of their covariance (cyclic Jacobi rotations, exact enough for a few hundred dimensions).
/// </summary>
internal sealed class PrincipalComponents
{
    private PrincipalComponents(double[] mean, double[][] components)
    {
        Mean = mean;
        Components = components;
    }

    public double[] Mean { get; }

    /// <summary>Unit directions, the one of most variance first.</summary>
    public double[][] Components { get; }

    /// <param name="skipped">How many of the directions of most variance to leave out.</param>
    public static PrincipalComponents Of(IReadOnlyList<float[]> vectors, int count, int skipped)
    {
        var dimensions = vectors[0].Length;
        var mean = new double[dimensions];
        foreach (var vector in vectors)
        {
            for (var d = 0; d < dimensions; d++)
            {
                mean[d] += vector[d];
            }
        }

        for (var d = 0; d < dimensions; d++)
        {
            mean[d] /= vectors.Count;
        }

        var covariance = new double[dimensions, dimensions];
        var centred = new double[dimensions];
        foreach (var vector in vectors)
        {
            for (var d = 0; d < dimensions; d++)
            {
                centred[d] = vector[d] - mean[d];
            }

            for (var i = 0; i < dimensions; i++)
            {
                for (var j = i; j < dimensions; j++)
                {
                    covariance[i, j] += centred[i] * centred[j];
                }
            }
        }

        for (var i = 0; i < dimensions; i++)
        {
            for (var j = 0; j < i; j++)
            {
                covariance[i, j] = covariance[j, i];
            }
        }

        var (values, eigenvectors) = Eigen(covariance);
        var order = Enumerable.Range(0, dimensions).OrderByDescending(i => values[i]).Skip(skipped).Take(count);
        var components = order.Select(k => Enumerable.Range(0, dimensions).Select(d => eigenvectors[d, k]).ToArray()).ToArray();
        return new PrincipalComponents(mean, components);
    }

    /// <summary><paramref name="vector"/> centred and expressed along the components.</summary>
    public float[] Project(float[] vector)
    {
        var projected = new float[Components.Length];
        for (var k = 0; k < Components.Length; k++)
        {
            double sum = 0;
            for (var d = 0; d < vector.Length; d++)
            {
                sum += (vector[d] - Mean[d]) * Components[k][d];
            }

            projected[k] = (float)sum;
        }

        return projected;
    }

    // Cyclic Jacobi: rotates away the largest off-diagonal elements until the matrix is diagonal; the rotations
    // together are the eigenvectors (columns).
    private static (double[] Values, double[,] Vectors) Eigen(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < 50; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off < 1e-18)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-15)
                    {
                        continue;
                    }

                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = (c * vkp) - (s * vkq);
                        v[k, q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        return (values, v);
    }
}
