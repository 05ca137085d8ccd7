# Test accuracy minus random's, per seed then averaged; band = 95% Student-t CI over the paired seeds. Made by bdal report.
set xrange [500:10500]
set yrange [-0.07024621509257842:0.05654178966855526]
unset key
set grid
set terminal pngcairo size 1200,840 noenhanced font ',10'
if (!exists('png_out')) png_out = 'learning-curve-accuracy-minus-random.png'
if (!exists('svg_out')) svg_out = 'learning-curve-accuracy-minus-random.svg'
set output png_out
set multiplot layout 3,3 margins 0.07,0.98,0.0655,0.9107 spacing 0.05,0.0952 title 'test accuracy minus random (paired by seed; mean, 95% CI)'
set title 'badge (n=3)'
set xlabel ''
set ylabel 'accuracy − random'
plot 'learning-curve-accuracy-minus-random.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 0 using 1:2 with lines lc 1 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'bald (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 1 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 1 using 1:2 with lines lc 2 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'batch-bald (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 2 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 2 using 1:2 with lines lc 3 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'core-set (n=3)'
set xlabel ''
set ylabel 'accuracy − random'
plot 'learning-curve-accuracy-minus-random.dat' index 3 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 3 using 1:2 with lines lc 4 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'csal (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 4 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 4 using 1:2 with lines lc 5 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'least-confidence (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 5 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 5 using 1:2 with lines lc 6 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'margin (n=3)'
set xlabel 'labelled points'
set ylabel 'accuracy − random'
plot 'learning-curve-accuracy-minus-random.dat' index 6 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 6 using 1:2 with lines lc 7 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'max-entropy (n=3)'
set xlabel 'labelled points'
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 7 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 7 using 1:2 with lines lc 8 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'power-bald (n=3)'
set xlabel 'labelled points'
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 8 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 8 using 1:2 with lines lc rgb '#8c564b' lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
unset multiplot
set terminal svg size 1200,840 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
set multiplot layout 3,3 margins 0.07,0.98,0.0655,0.9107 spacing 0.05,0.0952 title 'test accuracy minus random (paired by seed; mean, 95% CI)'
set title 'badge (n=3)'
set xlabel ''
set ylabel 'accuracy − random'
plot 'learning-curve-accuracy-minus-random.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 0 using 1:2 with lines lc 1 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'bald (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 1 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 1 using 1:2 with lines lc 2 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'batch-bald (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 2 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 2 using 1:2 with lines lc 3 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'core-set (n=3)'
set xlabel ''
set ylabel 'accuracy − random'
plot 'learning-curve-accuracy-minus-random.dat' index 3 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 3 using 1:2 with lines lc 4 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'csal (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 4 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 4 using 1:2 with lines lc 5 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'least-confidence (n=3)'
set xlabel ''
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 5 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 5 using 1:2 with lines lc 6 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'margin (n=3)'
set xlabel 'labelled points'
set ylabel 'accuracy − random'
plot 'learning-curve-accuracy-minus-random.dat' index 6 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 6 using 1:2 with lines lc 7 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'max-entropy (n=3)'
set xlabel 'labelled points'
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 7 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 7 using 1:2 with lines lc 8 lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
set title 'power-bald (n=3)'
set xlabel 'labelled points'
set ylabel ''
plot 'learning-curve-accuracy-minus-random.dat' index 8 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-accuracy-minus-random.dat' index 8 using 1:2 with lines lc rgb '#8c564b' lw 2 notitle, \
     0 with lines lc rgb 'black' dt 3 lw 1 notitle
unset multiplot
unset output
