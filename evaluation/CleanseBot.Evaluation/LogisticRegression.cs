using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CleanseBot.Evaluation;

/// <summary>
/// ML.NET's L-BFGS logistic regression, fitted on one thread from a fixed seed, so that the same examples always give
/// the same weights (the tests retrain the shipped models and compare).
/// </summary>
internal static class LogisticRegression
{
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<(float[] Features, bool Label)> examples, float l2Regularization)
    {
        ArgumentOutOfRangeException.ThrowIfZero(examples.Count);
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, examples[0].Features.Length);
        var data = ml.Data.LoadFromEnumerable(examples.Select(static example => new Row { Label = example.Label, Features = example.Features }), schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            L2Regularization = l2Regularization,
            L1Regularization = 0,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-8f,
            MaximumNumberOfIterations = 1000,
        });
        var linear = trainer.Fit(data).Model.SubModel;
        return ([.. linear.Weights.Select(static weight => Math.Round(weight, 6))], Math.Round(linear.Bias, 6));
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
