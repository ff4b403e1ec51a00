package io.flk.domain.hrs.training;

import io.flk.domain.verification.training.PlattScaling;

/**
 * Decision trees as flat arrays, walked without allocation. Node {@code n} is a leaf when
 * {@code feature[n] < 0}, its value then being the leaf's output; otherwise it goes to {@code below[n]} when
 * the feature value is below {@code value[n]} and to {@code notBelow[n]} otherwise. Children always follow their
 * parent, which bounds every walk.
 *
 * @param kind  how leaf outputs combine, and how features are compared
 * @param roots the first node of each tree
 */
public record TreeEnsemble(Kind kind, int[] roots, int[] feature, double[] value, int[] below, int[] notBelow)
        implements HrsClassifier {

    public enum Kind {
        /**
         * XGBoost: leaves are margins, already signed so that their sum is the hallucination logit (the two
         * class margins of a softmax differ by that sum; the base score cancels). XGBoost compares in float,
         * so features are rounded to float first.
         */
        BOOSTED_LOGITS("tribuo-xgboost"),
        /** Random forest: leaves are hallucination probabilities, averaged; features compared as doubles. */
        AVERAGED_PROBABILITIES("tribuo-random-forest");

        private final String algorithm;

        Kind(String algorithm) {
            this.algorithm = algorithm;
        }
    }

    public TreeEnsemble {
        roots = roots.clone();
        feature = feature.clone();
        value = value.clone();
        below = below.clone();
        notBelow = notBelow.clone();
    }

    @Override
    public double rawRisk(double[] scaled) {
        double sum = 0;
        for (int root : roots) {
            int node = root;
            while (feature[node] >= 0) {
                double x = kind == Kind.BOOSTED_LOGITS ? (float) scaled[feature[node]] : scaled[feature[node]];
                node = x < value[node] ? below[node] : notBelow[node];
            }
            sum += value[node];
        }
        return kind == Kind.BOOSTED_LOGITS ? PlattScaling.sigmoid(sum) : sum / roots.length;
    }

    @Override
    public String algorithm() {
        return kind.algorithm;
    }

    public int nodes() {
        return feature.length;
    }

    @Override
    public int[] roots() {
        return roots.clone();
    }

    @Override
    public int[] feature() {
        return feature.clone();
    }

    @Override
    public double[] value() {
        return value.clone();
    }

    @Override
    public int[] below() {
        return below.clone();
    }

    @Override
    public int[] notBelow() {
        return notBelow.clone();
    }
}
