package io.flk.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizedTextTest {

    @Test
    void sentencesEndAtTerminatorsFollowedBySpaceAndAtHaluEvalsGluedJoins() {
        TokenizedText text = TokenizedText.of("Published in the 19th century.First for Women is a magazine! Is it? Yes");

        assertThat(text.sentenceCount()).isEqualTo(4);
        assertThat(text.sentenceStart(1)).isEqualTo(5);
    }

    @Test
    void decimalsAndThousandsStayOneNumberToken() {
        TokenizedText text = TokenizedText.of("It grew 3.5 percent to 1,000 units.");

        assertThat(text.size()).isEqualTo(7);
        assertThat(text.sentenceCount()).isEqualTo(1);
        assertThat(text.is(2, TokenizedText.NUMBER)).isTrue();
        assertThat(text.is(5, TokenizedText.NUMBER)).isTrue();
        assertThat(text.is(6, TokenizedText.NUMBER)).isFalse();
    }

    @Test
    void tokensCompareCaseInsensitivelyButRememberCapitalisation() {
        TokenizedText text = TokenizedText.of("Delhi delhi");

        assertThat(text.hash(0)).isEqualTo(text.hash(1));
        assertThat(text.is(0, TokenizedText.CAPITALISED)).isTrue();
        assertThat(text.is(1, TokenizedText.CAPITALISED)).isFalse();
    }

    @Test
    void contractedAndPlainNegationsAreFlagged() {
        TokenizedText text = TokenizedText.of("He can't go, didn't go and will not go; he won’t.");

        assertThat(text.is(1, TokenizedText.NEGATION)).isTrue();
        assertThat(text.is(3, TokenizedText.NEGATION)).isTrue();
        assertThat(text.is(7, TokenizedText.NEGATION)).isTrue();
        assertThat(text.is(10, TokenizedText.NEGATION)).isTrue();
    }

    @Test
    void shinglesNeverSpanMoreTokensThanAsked() {
        TokenizedText text = TokenizedText.of("a b c d");

        assertThat(text.shingles(2, 0, 4).size()).isEqualTo(3);
        assertThat(text.shingles(5, 0, 4).size()).isZero();
        assertThat(TokenizedText.of("B C").shingles(2, 0, 2).countIn(text.shingles(2, 0, 4))).isEqualTo(1);
        assertThat(TokenizedText.of("c b").shingles(2, 0, 2).countIn(text.shingles(2, 0, 4))).isZero();
    }
}
