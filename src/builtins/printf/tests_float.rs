//! Unit tests for printf's floating-point conversions, generated from
//! /bin/bash 5.2 output like those in `tests.rs`: they pin down the exact
//! x87 long double behaviour (parsing, rounding, `%a` layout, range).

use super::tests::check;

#[test]
fn float_basics() {
    // printf '%f|%e|%g|%E|%G|%F\n' 3.5 3.5 3.5 3.5 3.5 3.5
    check(
        b"%f|%e|%g|%E|%G|%F\\n",
        &[b"3.5", b"3.5", b"3.5", b"3.5", b"3.5", b"3.5"],
        b"3.500000|3.500000e+00|3.5|3.500000E+00|3.5|3.500000\n",
        &[],
        0,
    );
    // printf '%.3f|%8.3e|%-12.4g|%+.2a\n' 2 2 2 2
    check(
        b"%.3f|%8.3e|%-12.4g|%+.2a\\n",
        &[b"2", b"2", b"2", b"2"],
        b"2.000|2.000e+00|2           |+0x8.00p-2\n",
        &[],
        0,
    );
    // printf '%010f|%-10f|%+f|% f\n' inf 1 2 3
    check(
        b"%010f|%-10f|%+f|% f\\n",
        &[b"inf", b"1", b"2", b"3"],
        b"       inf|1.000000  |+2.000000| 3.000000\n",
        &[],
        0,
    );
    // printf '%f %f %F %e %g %G\n' inf -inf nan -nan infinity NAN
    check(
        b"%f %f %F %e %g %G\\n",
        &[b"inf", b"-inf", b"nan", b"-nan", b"infinity", b"NAN"],
        b"inf -inf NAN -nan inf NAN\n",
        &[],
        0,
    );
    // printf '%f\n' "  -inFinIty" "+nan(abc_1)" "nan(" "nan()x" "infx" "in" "-"
    check(
        b"%f\\n",
        &[
            b"  -inFinIty",
            b"+nan(abc_1)",
            b"nan(",
            b"nan()x",
            b"infx",
            b"in",
            b"-",
        ],
        b"-inf\nnan\nnan\nnan\ninf\n0.000000\n0.000000\n",
        &[
            b"nan(: invalid number",
            b"nan()x: invalid number",
            b"infx: invalid number",
            b"in: invalid number",
            b"-: invalid number",
        ],
        1,
    );
    // printf '%5.1f|%05.1f|%-05.1f|%+05.1f|% 05.1f\n' 2.25 -2.35 2.45 2.55 2.65
    check(
        b"%5.1f|%05.1f|%-05.1f|%+05.1f|% 05.1f\\n",
        &[b"2.25", b"-2.35", b"2.45", b"2.55", b"2.65"],
        b"  2.2|-02.3|2.5  |+02.5| 02.7\n",
        &[],
        0,
    );
    // printf '%10.4f|%-10.2e|\n' 3.14159265 31415.9265
    check(
        b"%10.4f|%-10.2e|\\n",
        &[b"3.14159265", b"31415.9265"],
        b"    3.1416|3.14e+04  |\n",
        &[],
        0,
    );
    // printf '%Lf|%lf\n' 1 2
    check(b"%Lf|%lf\\n", &[b"1", b"2"], b"1.000000|2.000000\n", &[], 0);
}

#[test]
fn float_rounding_is_exact_long_double() {
    // printf '%.20f %f %g %e\n' 0.1 1e23 1e23 123.456
    check(
        b"%.20f %f %g %e\\n",
        &[b"0.1", b"1e23", b"1e23", b"123.456"],
        b"0.10000000000000000000 100000000000000000000000.000000 1e+23 1.234560e+02\n",
        &[],
        0,
    );
    // printf '%.0f %.0f %.0f %.0f %.1f %.2f\n' 0.5 1.5 2.5 3.5 0.25 1.005
    check(
        b"%.0f %.0f %.0f %.0f %.1f %.2f\\n",
        &[b"0.5", b"1.5", b"2.5", b"3.5", b"0.25", b"1.005"],
        b"0 2 2 4 0.2 1.00\n",
        &[],
        0,
    );
    // printf '%.0e|%.0e|%.0e|%.1e\n' 0.5 1.5 2.5 0.05
    check(
        b"%.0e|%.0e|%.0e|%.1e\\n",
        &[b"0.5", b"1.5", b"2.5", b"0.05"],
        b"5e-01|2e+00|2e+00|5.0e-02\n",
        &[],
        0,
    );
    // printf '%.40e\n' 0.1
    check(
        b"%.40e\\n",
        &[b"0.1"],
        b"1.0000000000000000000135525271560688054251e-01\n",
        &[],
        0,
    );
    // printf '%.3e|%E|%.0e|%#.0e|%#.0f|%.0f\n' 9.9995 1234.5 5.5 5 5 0.0
    check(
        b"%.3e|%E|%.0e|%#.0e|%#.0f|%.0f\\n",
        &[b"9.9995", b"1234.5", b"5.5", b"5", b"5", b"0.0"],
        b"1.000e+01|1.234500E+03|6e+00|5.e+00|5.|0\n",
        &[],
        0,
    );
    // printf '%.1f|%.10f|%f|%.0f|%.30f\n' 0.05 1e-10 123456789012345678 1e20 1.1
    check(b"%.1f|%.10f|%f|%.0f|%.30f\\n", &[b"0.05", b"1e-10", b"123456789012345678", b"1e20", b"1.1"], b"0.1|0.0000000001|123456789012345678.000000|100000000000000000000|1.100000000000000000021684043450\n", &[], 0);
    // printf '%.15g|%.17g|%.18g|%.19g|%.20g|%.21g\n' 0.1 0.1 0.1 0.1 0.1 0.1
    check(
        b"%.15g|%.17g|%.18g|%.19g|%.20g|%.21g\\n",
        &[b"0.1", b"0.1", b"0.1", b"0.1", b"0.1", b"0.1"],
        b"0.1|0.1|0.1|0.1|0.1|0.100000000000000000001\n",
        &[],
        0,
    );
}

#[test]
fn float_g_style() {
    // printf '%g %g %g %g %g %g %#g %#.3g\n' 100000 1000000 0.0001 0.00001 1.5 9.9999995 1 2
    check(
        b"%g %g %g %g %g %g %#g %#.3g\\n",
        &[
            b"100000",
            b"1000000",
            b"0.0001",
            b"0.00001",
            b"1.5",
            b"9.9999995",
            b"1",
            b"2",
        ],
        b"100000 1e+06 0.0001 1e-05 1.5 10 1.00000 2.00\n",
        &[],
        0,
    );
    // printf '%g|%g|%g|%g|%.0g|%.1g|%#.0g|%G\n' 0 -0 123456789 0.000123456 15 15 15 1e-10
    check(
        b"%g|%g|%g|%g|%.0g|%.1g|%#.0g|%G\\n",
        &[
            b"0",
            b"-0",
            b"123456789",
            b"0.000123456",
            b"15",
            b"15",
            b"15",
            b"1e-10",
        ],
        b"0|-0|1.23457e+08|0.000123456|2e+01|2e+01|2.e+01|1E-10\n",
        &[],
        0,
    );
    // printf '%g|%g|%.3g|%.10g|%G|%g\n' 1e-5 123456 0.0001234 3.14159265358979 1e100 nan
    check(
        b"%g|%g|%.3g|%.10g|%G|%g\\n",
        &[
            b"1e-5",
            b"123456",
            b"0.0001234",
            b"3.14159265358979",
            b"1e100",
            b"nan",
        ],
        b"1e-05|123456|0.000123|3.141592654|1E+100|nan\n",
        &[],
        0,
    );
    // printf '%g|%g|%g|%g|%g\n' 999999.5 9999995 0.00009999995 1e-4 123456.5
    check(
        b"%g|%g|%g|%g|%g\\n",
        &[
            b"999999.5",
            b"9999995",
            b"0.00009999995",
            b"1e-4",
            b"123456.5",
        ],
        b"1e+06|1e+07|9.99999e-05|0.0001|123456\n",
        &[],
        0,
    );
}

#[test]
fn float_hex() {
    // printf '%a %a %a\n' 1 0.1 0
    check(
        b"%a %a %a\\n",
        &[b"1", b"0.1", b"0"],
        b"0x8p-3 0xc.ccccccccccccccdp-7 0x0p+0\n",
        &[],
        0,
    );
    // printf '%.3a %A %a %.0a %a\n' 1.999 255 -0 15.5 1e-4940
    check(
        b"%.3a %A %a %.0a %a\\n",
        &[b"1.999", b"255", b"-0", b"15.5", b"1e-4940"],
        b"0xf.fdfp-3 0XF.FP+4 -0x0p+0 0x1p+4 0x0.000000663278e62p-16385\n",
        &[b"warning: 1e-4940: Numerical result out of range"],
        0,
    );
    // printf '%a|%a|%.2a|%A|%.0a|%a|%#.0a|%.1a\n' 3 -2.5 0.1 1e10 1 1e4932 2 0xf.f8p0
    check(b"%a|%a|%.2a|%A|%.0a|%a|%#.0a|%.1a\\n", &[b"3", b"-2.5", b"0.1", b"1e10", b"1", b"1e4932", b"2", b"0xf.f8p0"], b"0xcp-2|-0xap-2|0xc.cdp-7|0X9.502F9P+30|0x8p-3|0xd.72cb2a95c7ef6cdp+16380|0x8.p-2|0x1.0p+4\n", &[], 0);
    // printf '%.0a|%.1a|%.2a|%.0a|%.0A\n' 1.5 1.96875 1.99 31 0x1.fp4
    check(
        b"%.0a|%.1a|%.2a|%.0a|%.0A\\n",
        &[b"1.5", b"1.96875", b"1.99", b"31", b"0x1.fp4"],
        b"0xcp-3|0xf.cp-3|0xf.ecp-3|0x1p+5|0X1P+5\n",
        &[],
        0,
    );
    // printf '%08.3a|%-12a|%#a\n' 1 1 1
    check(
        b"%08.3a|%-12a|%#a\\n",
        &[b"1", b"1", b"1"],
        b"0x8.000p-3|0x8p-3      |0x8.p-3\n",
        &[],
        0,
    );
}

#[test]
fn float_range() {
    // printf '%f\n' 1e5000
    check(
        b"%f\\n",
        &[b"1e5000"],
        b"inf\n",
        &[b"warning: 1e5000: Numerical result out of range"],
        0,
    );
    // printf '%f\n' 1e-5000
    check(
        b"%f\\n",
        &[b"1e-5000"],
        b"0.000000\n",
        &[b"warning: 1e-5000: Numerical result out of range"],
        0,
    );
    // printf '%e\n' 1e-4940
    check(
        b"%e\\n",
        &[b"1e-4940"],
        b"1.000000e-4940\n",
        &[b"warning: 1e-4940: Numerical result out of range"],
        0,
    );
    // printf '%e|%.2e|%E|%e|%e\n' 0 -1e-300 1e300 123456789 5e-324
    check(
        b"%e|%.2e|%E|%e|%e\\n",
        &[b"0", b"-1e-300", b"1e300", b"123456789", b"5e-324"],
        b"0.000000e+00|-1.00e-300|1.000000E+300|1.234568e+08|5.000000e-324\n",
        &[],
        0,
    );
    // printf '%g\n' 1e-4951 2e-4951 4e-4951 1e-4950
    check(
        b"%g\\n",
        &[b"1e-4951", b"2e-4951", b"4e-4951", b"1e-4950"],
        b"0\n3.6452e-4951\n3.6452e-4951\n1.09356e-4950\n",
        &[
            b"warning: 1e-4951: Numerical result out of range",
            b"warning: 2e-4951: Numerical result out of range",
            b"warning: 4e-4951: Numerical result out of range",
            b"warning: 1e-4950: Numerical result out of range",
        ],
        0,
    );
    // printf '%e\n' 1e4932 1.2e4932 1e4933 -1e99999999999999999999 1e-99999999999999999999
    check(
        b"%e\\n",
        &[
            b"1e4932",
            b"1.2e4932",
            b"1e4933",
            b"-1e99999999999999999999",
            b"1e-99999999999999999999",
        ],
        b"1.000000e+4932\ninf\ninf\n-inf\n0.000000e+00\n",
        &[
            b"warning: 1.2e4932: Numerical result out of range",
            b"warning: 1e4933: Numerical result out of range",
            b"warning: -1e99999999999999999999: Numerical result out of range",
            b"warning: 1e-99999999999999999999: Numerical result out of range",
        ],
        0,
    );
    // printf '%a\n' '1.18973149535723176505e+4932' '1.1897314953572317651e+4932' '3.6451995318824746025e-4951' '1.8e-4951' '1.82e-4951'
    check(
        b"%a\\n",
        &[
            b"1.18973149535723176505e+4932",
            b"1.1897314953572317651e+4932",
            b"3.6451995318824746025e-4951",
            b"1.8e-4951",
            b"1.82e-4951",
        ],
        b"0xf.fffffffffffffffp+16380\ninf\n0x0.000000000000001p-16385\n0x0p+0\n0x0p+0\n",
        &[
            b"warning: 1.1897314953572317651e+4932: Numerical result out of range",
            b"warning: 3.6451995318824746025e-4951: Numerical result out of range",
            b"warning: 1.8e-4951: Numerical result out of range",
            b"warning: 1.82e-4951: Numerical result out of range",
        ],
        0,
    );
    // printf '%a\n' 0x1p-16446 0x1.8p-16446 0x1p16384 0xffffffffffffffffffp0 0x1p-16400 0x1p-16382
    check(
        b"%a\\n",
        &[
            b"0x1p-16446",
            b"0x1.8p-16446",
            b"0x1p16384",
            b"0xffffffffffffffffffp0",
            b"0x1p-16400",
            b"0x1p-16382",
        ],
        b"0x0p+0\n0x0.000000000000001p-16385\ninf\n0x8p+69\n0x0.0002p-16385\n0x8p-16385\n",
        &[
            b"warning: 0x1p-16446: Numerical result out of range",
            b"warning: 0x1.8p-16446: Numerical result out of range",
            b"warning: 0x1p16384: Numerical result out of range",
        ],
        0,
    );
    // printf '%a\n' 0x.8p1 0x8.p-3 0X1P+3 0X1p 0x1p+ 0x. 0x.p1 0x1.ffffffffffffffff8p0 0x1.ffffffffffffffff7p0
    check(
        b"%a\\n",
        &[
            b"0x.8p1",
            b"0x8.p-3",
            b"0X1P+3",
            b"0X1p",
            b"0x1p+",
            b"0x.",
            b"0x.p1",
            b"0x1.ffffffffffffffff8p0",
            b"0x1.ffffffffffffffff7p0",
        ],
        b"0x8p-3\n0x8p-3\n0x8p+0\n0x8p-3\n0x8p-3\n0x0p+0\n0x0p+0\n0x8p-2\n0x8p-2\n",
        &[
            b"0X1p: invalid number",
            b"0x1p+: invalid hex number",
            b"0x.: invalid hex number",
            b"0x.p1: invalid hex number",
        ],
        1,
    );
    // printf '%a\n' 0x1.00000000000000008p0 0x1.00000000000000018p0 0x1.000000000000000080000000000001p0
    check(
        b"%a\\n",
        &[
            b"0x1.00000000000000008p0",
            b"0x1.00000000000000018p0",
            b"0x1.000000000000000080000000000001p0",
        ],
        b"0x8p-3\n0x8.000000000000001p-3\n0x8p-3\n",
        &[],
        0,
    );
}
