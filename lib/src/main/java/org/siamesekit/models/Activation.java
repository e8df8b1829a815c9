package org.siamesekit.models;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The non-linearity after a conv or dense layer. Every one is non-decreasing,
 * which {@link Tower} relies on to max-pool before the activation: add a
 * non-monotone one only together with a change there.
 */
public enum Activation {
    RELU, SIGMOID, TANH, LEAKY_RELU,
    /** No non-linearity (a linear layer). */
    LINEAR;

    SDVariable apply(SameDiff sd, SDVariable x) {
        return switch (this) {
            case RELU -> sd.nn().relu(x, 0);
            case SIGMOID -> sd.nn().sigmoid(x);
            case TANH -> sd.math().tanh(x);
            case LEAKY_RELU -> sd.nn().leakyRelu(x, 0.01);
            case LINEAR -> x;
        };
    }

    /** Weight initialisation suited to the activation: He for the ReLU family, Glorot otherwise. */
    double initStd(long fanIn, long fanOut) {
        return switch (this) {
            case RELU, LEAKY_RELU -> Math.sqrt(2.0 / fanIn);
            default -> Math.sqrt(2.0 / (fanIn + fanOut));
        };
    }
}
