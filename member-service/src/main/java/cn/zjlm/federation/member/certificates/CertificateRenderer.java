package cn.zjlm.federation.member.certificates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders a certificate as an A4 PDF in Chinese, with Noto Sans SC (SIL OFL, from the
 * ph-fonts-noto-sans-sc package) embedded as a subset and the verification QR code drawn as vectors.
 */
@ApplicationScoped
public class CertificateRenderer {
    static final String FONT = "/fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

    public record Content(String title, List<String> paragraphs, String association, String issuedOn,
            String verificationCode, String verifyUrl) {
    }

    /** PDF generation parses a 10 MB font; one at a time keeps memory bounded on small pods. */
    public synchronized byte[] render(Content content) {
        try (PDDocument doc = new PDDocument(); InputStream fontFile = getClass().getResourceAsStream(FONT)) {
            if (fontFile == null) {
                throw new IllegalStateException("certificate font missing from the classpath: " + FONT);
            }
            PDType0Font font = PDType0Font.load(doc, fontFile, true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                out.setLineWidth(2f);
                out.addRect(36, 36, width - 72, height - 72);
                out.stroke();
                centered(out, font, 30, content.title(), width, height - 130);
                float y = height - 210;
                for (String paragraph : content.paragraphs()) {
                    for (String line : wrap(paragraph, 26)) {
                        text(out, font, 15, line, 80, y);
                        y -= 26;
                    }
                    y -= 12;
                }
                text(out, font, 14, content.association(), width - 300, 260);
                text(out, font, 14, content.issuedOn(), width - 300, 236);
                text(out, font, 11, "验证码 Verification code: " + content.verificationCode(), 80, 150);
                text(out, font, 9, content.verifyUrl(), 80, 132);
                qr(out, content.verifyUrl(), width - 80 - 110, 100, 110);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("certificate rendering failed", e);
        }
    }

    private static void centered(PDPageContentStream out, PDType0Font font, float size, String text, float width,
            float y) throws IOException {
        float textWidth = font.getStringWidth(drawable(font, text)) / 1000 * size;
        text(out, font, size, text, (width - textWidth) / 2, y);
    }

    private static void text(PDPageContentStream out, PDType0Font font, float size, String text, float x, float y)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(drawable(font, text));
        out.endText();
    }

    /**
     * The text with each character the font cannot draw (an emoji, a rare character in a name) shown as 〓, the
     * customary mark for a character missing from a typeface, instead of failing the whole certificate.
     */
    static String drawable(PDType0Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            out.append(canDraw(font, ch) ? ch : canDraw(font, "〓") ? "〓" : "?");
        });
        return out.toString();
    }

    private static boolean canDraw(PDType0Font font, String ch) {
        try {
            font.encode(ch);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Chinese text wraps by characters, not words. */
    static List<String> wrap(String text, int perLine) {
        List<String> lines = new java.util.ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i += perLine) {
            lines.add(new String(cps, i, Math.min(perLine, cps.length - i)));
        }
        return lines;
    }

    private static void qr(PDPageContentStream out, String url, float x, float y, float size) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException("QR code for " + url, e);
        }
        float module = size / matrix.getWidth();
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    out.addRect(x + col * module, y + size - (row + 1) * module, module, module);
                }
            }
        }
        out.fill();
    }
}
