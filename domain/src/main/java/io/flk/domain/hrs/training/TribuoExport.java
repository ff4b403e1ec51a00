package io.flk.domain.hrs.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.verification.training.TribuoBinary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * Reads the parameters out of trained Tribuo models into pure-Java classifiers, translating Tribuo's feature
 * ids into positions of the feature schema. Tribuo's models themselves are not kept: their serialised form
 * differs on every run and would tie artifacts to Tribuo's classes.
 */
final class TribuoExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Label HALLUCINATED = new Label(TribuoBinary.HALLUCINATED);

    private TribuoExport() {
    }

    /**
     * Tribuo's weight matrix holds a row per class and a column per feature id, the bias last; the
     * hallucination logit is the difference of the two class rows.
     */
    static LinearClassifier linear(TribuoBinary binary) {
        LinearSGDModel model = (LinearSGDModel) binary.model();
        DenseMatrix weights = model.getWeightsCopy();
        int hallucinated = model.getOutputIDInfo().getID(HALLUCINATED);
        int grounded = 1 - hallucinated;
        ImmutableFeatureMap features = model.getFeatureIDMap();
        List<String> schema = binary.scaling().names();
        double[] folded = new double[schema.size()];
        for (int column = 0; column < folded.length; column++) {
            int id = features.getID(schema.get(column));
            if (id >= 0) {
                folded[column] = weights.get(hallucinated, id) - weights.get(grounded, id);
            }
        }
        int bias = features.size();
        return new LinearClassifier(folded, weights.get(hallucinated, bias) - weights.get(grounded, bias));
    }

    /**
     * Tribuo trains XGBoost with {@code multi:softprob}: with two classes, tree {@code t} adds to the margin
     * of class {@code t % 2}. Negating the grounded trees' leaves turns the sum into the hallucination logit.
     */
    @SuppressWarnings("unchecked")
    static TreeEnsemble boosted(TribuoBinary binary) {
        XGBoostModel<Label> model = (XGBoostModel<Label>) binary.model();
        int hallucinated = model.getOutputIDInfo().getID(HALLUCINATED);
        String[] dump;
        try {
            Booster booster = model.getInnerModels().get(0);
            dump = booster.getModelDump((String) null, false, "json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not dump its trees", e);
        }
        TreeArrays arrays = new TreeArrays(binary.scaling().names(), model.getFeatureIDMap());
        for (int tree = 0; tree < dump.length; tree++) {
            double sign = tree % 2 == hallucinated ? 1 : -1;
            try {
                arrays.addBoostedTree(JSON.readTree(dump[tree]), sign);
            } catch (IOException e) {
                throw new IllegalStateException("XGBoost dumped tree " + tree + " as invalid JSON", e);
            }
        }
        return arrays.finish(TreeEnsemble.Kind.BOOSTED_LOGITS);
    }

    /** Each CART tree's leaves become their hallucination share; the forest averages them. */
    @SuppressWarnings("unchecked")
    static TreeEnsemble forest(TribuoBinary binary) {
        WeightedEnsembleModel<Label> model = (WeightedEnsembleModel<Label>) binary.model();
        TreeArrays arrays = new TreeArrays(binary.scaling().names(), model.getFeatureIDMap());
        for (Model<Label> member : model.getModels()) {
            arrays.addCartTree(((TreeModel<Label>) member).getRoot());
        }
        return arrays.finish(TreeEnsemble.Kind.AVERAGED_PROBABILITIES);
    }

    /** Collects nodes in pre-order, so that children always come after their parent. */
    private static final class TreeArrays {

        private final List<String> schema;
        private final ImmutableFeatureMap featureIds;
        private final List<Integer> roots = new ArrayList<>();
        private final List<Integer> feature = new ArrayList<>();
        private final List<Double> value = new ArrayList<>();
        private final List<Integer> below = new ArrayList<>();
        private final List<Integer> notBelow = new ArrayList<>();

        TreeArrays(List<String> schema, ImmutableFeatureMap featureIds) {
            this.schema = schema;
            this.featureIds = featureIds;
        }

        void addBoostedTree(JsonNode root, double sign) {
            roots.add(addBoosted(root, sign));
        }

        void addCartTree(Node<Label> root) {
            roots.add(addCart(root));
        }

        /** XGBoost sends {@code x < split_condition} to {@code yes}; the condition is a float. */
        private int addBoosted(JsonNode node, double sign) {
            if (node.has("leaf")) {
                return add(-1, sign * (float) node.get("leaf").asDouble());
            }
            int index = add(column(Integer.parseInt(node.get("split").asText().substring(1))),
                    (float) node.get("split_condition").asDouble());
            int yes = node.get("yes").asInt();
            JsonNode yesChild = null;
            JsonNode noChild = null;
            for (JsonNode child : node.get("children")) {
                if (child.get("nodeid").asInt() == yes) {
                    yesChild = child;
                } else {
                    noChild = child;
                }
            }
            below.set(index, addBoosted(yesChild, sign));
            notBelow.set(index, addBoosted(noChild, sign));
            return index;
        }

        /** Tribuo sends {@code x > split} to greater-than; {@code x <= s} is {@code x < nextUp(s)} in doubles. */
        private int addCart(Node<Label> node) {
            if (node instanceof LeafNode<Label> leaf) {
                double total = 0;
                double hallucinated = 0;
                for (Label label : leaf.getDistribution().values()) {
                    total += label.getScore();
                    if (label.getLabel().equals(TribuoBinary.HALLUCINATED)) {
                        hallucinated += label.getScore();
                    }
                }
                return add(-1, total > 0 ? hallucinated / total : 0);
            }
            SplitNode<Label> split = (SplitNode<Label>) node;
            int index = add(column(split.getFeatureID()), Math.nextUp(split.splitValue()));
            below.set(index, addCart(split.getLessThanOrEqual()));
            notBelow.set(index, addCart(split.getGreaterThan()));
            return index;
        }

        private int column(int tribuoFeatureId) {
            int column = schema.indexOf(featureIds.get(tribuoFeatureId).getName());
            if (column < 0) {
                throw new IllegalStateException("a tree splits on a feature outside the schema");
            }
            return column;
        }

        private int add(int featureColumn, double nodeValue) {
            feature.add(featureColumn);
            value.add(nodeValue);
            below.add(-1);
            notBelow.add(-1);
            return feature.size() - 1;
        }

        TreeEnsemble finish(TreeEnsemble.Kind kind) {
            return new TreeEnsemble(kind, roots.stream().mapToInt(Integer::intValue).toArray(),
                    feature.stream().mapToInt(Integer::intValue).toArray(),
                    value.stream().mapToDouble(Double::doubleValue).toArray(),
                    below.stream().mapToInt(Integer::intValue).toArray(),
                    notBelow.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
